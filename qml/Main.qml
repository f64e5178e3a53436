import QtQuick
import QtQuick.Window
import Pavilion.Ui

Window {
    id: window
    width: 1920
    height: 1080
    visible: true
    color: Theme.background
    title: "议事亭 Pavilion"

    // Set by pavilion-kiosk from the command line before the first frame.
    property real textScale: 1.0
    property bool animations: true

    // For --screenshot: show one screen, filled with stored data. False for an unknown name.
    function showScreen(name) { return shell.showScreen(name) }

    KioskShell {
        id: shell
        anchors.fill: parent
        textScale: window.textScale
        animations: window.animations
    }
}
