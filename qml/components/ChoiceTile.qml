import QtQuick
import Pavilion.Ui

// One tappable choice in a grid: a pictogram above its words.
Rectangle {
    id: tile
    property string label
    property string icon: ""
    property string detail: ""
    property bool selected: false
    signal clicked()

    radius: Theme.radius
    color: area.pressed ? Theme.surfacePressed : Theme.surface
    border.width: selected ? Theme.border * 2 : Theme.border
    border.color: selected ? Theme.primary : Theme.line
    implicitHeight: Math.max(Theme.touchMin * 1.4, column.implicitHeight + 2 * Theme.gapSmall)

    Accessible.role: Accessible.Button
    Accessible.name: detail ? label + "，" + detail : label
    Accessible.onPressAction: tile.clicked()

    Column {
        id: column
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.gapSmall
        spacing: Theme.px(6)
        CategoryIcon {
            visible: tile.icon !== ""
            name: tile.icon
            // Shrinks before the words do, so a tile never overflows at the largest text size.
            size: Math.max(Theme.fontBody, Math.min(Theme.iconLarge, tile.height - labelText.height - (detailText.visible ? detailText.height : 0) - 4 * Theme.gapSmall))
            anchors.horizontalCenter: parent.horizontalCenter
        }
        Text {
            id: labelText
            width: parent.width
            text: tile.label
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.ink
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            id: detailText
            visible: tile.detail !== ""
            width: parent.width
            text: tile.detail
            font.pixelSize: Theme.fontSmall
            color: Theme.inkMuted
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: tile.clicked()
    }
}
