import QtQuick
import Pavilion.Ui

// A large, high-contrast button with an optional pictogram (beside the words, or above them when
// `vertical`). Never relies on colour alone: the primary action is filled, the others outlined.
Rectangle {
    id: root
    property string text
    property string icon: ""
    property string subtext: ""
    property bool primary: false
    property bool vertical: false
    property int fontSize: Theme.fontLarge
    signal clicked()

    // Stacked, the pictogram gives way to the words when the button is short (largest text size
    // in landscape): it shrinks, and goes when it would be smaller than the text beside it.
    readonly property real wantedIconSize: icon === "" ? 0 : fontSize * (vertical ? 2.2 : 1.3)
    readonly property real iconRoom: vertical && height > 0 ? height - Theme.gap - words.implicitHeight - Theme.gapSmall
                                                            : wantedIconSize
    readonly property real iconSize: iconRoom < fontSize ? 0 : Math.min(wantedIconSize, iconRoom)
    readonly property real textRoom: width - 2 * Theme.gap - (vertical || icon === "" ? 0 : iconSize + Theme.gapSmall)
    readonly property color textColor: !enabled ? Theme.textOnDisabled : primary ? Theme.textOnPrimary : Theme.primary

    implicitWidth: Math.max(Theme.touchMin * 2,
                            (vertical ? Math.max(iconSize, label.implicitWidth, sub.implicitWidth)
                                      : iconSize + (icon === "" ? 0 : Theme.gapSmall) + Math.max(label.implicitWidth, sub.implicitWidth))
                            + 2 * Theme.gap)
    implicitHeight: Math.max(Theme.touchMin, layout.implicitHeight + Theme.gap)
    radius: Theme.radius
    color: !enabled ? Theme.disabled
         : primary ? (area.pressed ? Theme.primaryPressed : Theme.primary)
         : (area.pressed ? Theme.surfacePressed : Theme.surface)
    border.width: primary ? 0 : Theme.border
    border.color: enabled ? Theme.primary : Theme.line

    Accessible.role: Accessible.Button
    Accessible.name: subtext ? text + "，" + subtext : text
    Accessible.onPressAction: if (enabled) root.clicked()

    Grid {
        id: layout
        anchors.centerIn: parent
        columns: root.vertical ? 1 : 2
        spacing: Theme.gapSmall
        horizontalItemAlignment: root.vertical ? Grid.AlignHCenter : Grid.AlignLeft
        verticalItemAlignment: Grid.AlignVCenter

        CategoryIcon {
            visible: root.iconSize > 0
            name: root.icon
            size: root.iconSize
        }
        Column {
            id: words
            Text {
                id: label
                width: Math.min(implicitWidth, root.textRoom)
                text: root.text
                font.pixelSize: root.fontSize
                font.bold: true
                color: root.textColor
                wrapMode: Text.Wrap
                horizontalAlignment: root.vertical ? Text.AlignHCenter : Text.AlignLeft
                anchors.horizontalCenter: root.vertical ? parent.horizontalCenter : undefined
            }
            Text {
                id: sub
                visible: root.subtext !== ""
                width: Math.min(implicitWidth, root.textRoom)
                text: root.subtext
                font.pixelSize: Theme.fontSmall
                color: !root.enabled ? Theme.textOnDisabled : root.primary ? Theme.textOnPrimary : Theme.inkMuted
                wrapMode: Text.Wrap
                horizontalAlignment: root.vertical ? Text.AlignHCenter : Text.AlignLeft
                anchors.horizontalCenter: root.vertical ? parent.horizontalCenter : undefined
            }
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        enabled: root.enabled
        onClicked: root.clicked()
    }
}
