import QtQuick
import Pavilion.Ui

// An issue someone already reported: what, where, how many residents back it, and the action.
// Used as a delegate of IssueListModel: the required properties are its roles.
Rectangle {
    id: card
    required property string code
    required property string categoryIcon
    required property string categoryLabel
    required property string locationLabel
    required property string text
    required property int supporters
    required property string statusLabel
    required property string ageText
    property string actionText: ""
    property bool actionDone: false
    signal action()
    signal tapped()

    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.border
    border.color: Theme.line
    implicitHeight: layout.implicitHeight + 2 * Theme.gap

    MouseArea { anchors.fill: parent; onClicked: card.tapped() }

    Item {
        id: layout
        anchors { fill: parent; margins: Theme.gap }
        implicitHeight: Theme.portrait ? info.implicitHeight + Theme.gap + actionButton.implicitHeight
                                       : Math.max(info.implicitHeight, actionButton.implicitHeight)

        Row {
            id: info
            anchors.left: parent.left
            anchors.top: parent.top
            width: Theme.portrait || card.actionText === "" ? parent.width : parent.width - actionButton.width - Theme.gap
            spacing: Theme.gap
            CategoryIcon { name: card.categoryIcon; size: Theme.iconLarge }
            Column {
                width: parent.width - Theme.iconLarge - Theme.gap
                spacing: Theme.px(6)
                Text {
                    width: parent.width
                    text: card.categoryLabel + " · " + card.locationLabel
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Text {
                    width: parent.width
                    text: card.text
                    font.pixelSize: Theme.fontBody
                    color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Text {
                    width: parent.width
                    text: "👥 已有 " + card.supporters + " 位居民附议 · " + card.statusLabel + " · " + card.ageText
                    font.pixelSize: Theme.fontSmall
                    color: Theme.inkMuted
                    wrapMode: Text.Wrap
                }
            }
        }
        BigButton {
            id: actionButton
            visible: card.actionText !== ""
            enabled: !card.actionDone
            anchors.right: parent.right
            anchors.top: Theme.portrait ? info.bottom : undefined
            anchors.topMargin: Theme.gap
            anchors.verticalCenter: Theme.portrait ? undefined : parent.verticalCenter
            width: Theme.portrait ? parent.width : Math.max(implicitWidth, Theme.px(380))
            primary: true
            objectName: "supportButton"
            icon: "support"
            text: card.actionDone ? "已附议" : card.actionText
            onClicked: card.action()
        }
    }
}
