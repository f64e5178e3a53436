import QtQuick
import QtQuick.Controls.Basic
import Pavilion.Ui

// A framed text field for the on-screen keyboard: large text, a label above, a problem below.
Column {
    id: box
    property string label
    property string problem: ""
    property alias field: input
    property alias text: input.text
    property alias placeholder: input.placeholderText
    spacing: Theme.px(8)

    Text {
        width: parent.width
        text: box.label
        font.pixelSize: Theme.fontBody
        font.bold: true
        color: Theme.ink
        wrapMode: Text.Wrap
    }
    TextField {
        id: input
        width: parent.width
        height: Math.max(Theme.touchMin, implicitHeight)
        font.pixelSize: Theme.fontLarge
        color: Theme.ink
        placeholderTextColor: Theme.inkMuted
        leftPadding: Theme.gap
        background: Rectangle {
            radius: Theme.radius
            color: Theme.surface
            border.width: input.activeFocus ? Theme.border * 2 : Theme.border
            border.color: box.problem !== "" ? Theme.danger : input.activeFocus ? Theme.primary : Theme.line
        }
        Accessible.name: box.label
    }
    Text {
        visible: box.problem !== ""
        width: parent.width
        text: "⚠ " + box.problem
        font.pixelSize: Theme.fontSmall
        color: Theme.danger
        wrapMode: Text.Wrap
    }
}
