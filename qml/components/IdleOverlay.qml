import QtQuick
import Pavilion.Ui

// Shown before the idle reset: the resident sees how long is left and can stay.
Rectangle {
    id: overlay
    property int remaining: 0
    signal stay()
    signal leave()

    color: "#CC1D1A17"
    z: 100

    MouseArea { anchors.fill: parent; onClicked: overlay.stay() }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1100))
        height: box.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface

        Column {
            id: box
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            spacing: Theme.gap
            Text {
                width: parent.width
                text: "还在使用吗？"
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.ink
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            Text {
                objectName: "idleCountdown"
                width: parent.width
                text: overlay.remaining + " 秒后将返回首页，已填写的内容会被清除。"
                font.pixelSize: Theme.fontBody
                color: Theme.ink
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            Row {
                anchors.horizontalCenter: parent.horizontalCenter
                spacing: Theme.gap
                BigButton { text: "继续使用"; primary: true; onClicked: overlay.stay() }
                BigButton { text: "返回首页"; onClicked: overlay.leave() }
            }
        }
    }
}
