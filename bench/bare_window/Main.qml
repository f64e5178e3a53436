import QtQuick
import QtQuick.Window

// The smallest honest Qt Quick window: one line of CJK text, so font loading is in both runs.
Window {
    width: 1920
    height: 1080
    visible: true
    color: "#F7F2EA"
    Text { anchors.centerIn: parent; text: "有事好商量"; font.pixelSize: 72 }
}
