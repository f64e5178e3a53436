import QtQuick
import Pavilion.Backend
import Pavilion.Ui

Item {
    id: screen
    objectName: "home"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)

    Column {
        id: top
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.margin }
        spacing: Theme.gapSmall
        Text {
            width: parent.width
            text: Kiosk.communityName + " · " + Kiosk.venue
            font.pixelSize: Theme.fontBody
            color: Theme.inkMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            width: parent.width
            text: "有事好商量"
            font.pixelSize: Theme.fontHuge
            font.bold: true
            color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            width: parent.width
            text: "家门口的事，说出来，大家一起商量着办"
            font.pixelSize: Theme.fontLarge
            color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
    }

    Grid {
        id: actions
        anchors { left: parent.left; right: parent.right; top: top.bottom; bottom: footer.top; margins: Theme.margin }
        columns: Theme.portrait ? 1 : 2
        spacing: Theme.margin
        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns
        readonly property real cellHeight: (height - (Theme.portrait ? spacing : 0)) / (Theme.portrait ? 2 : 1)

        BigButton {
            objectName: "reportButton"
            width: actions.cellWidth
            height: actions.cellHeight
            primary: true
            icon: "report"
            fontSize: Theme.fontTitle
            vertical: true
            text: "我要反映"
            subtext: "漏水、堵塞、停车、噪音……说给社区听；别人反映过的，也可以附议"
            onClicked: screen.shell.go("report-category")
        }
        BigButton {
            objectName: "trackButton"
            width: actions.cellWidth
            height: actions.cellHeight
            icon: "track"
            fontSize: Theme.fontTitle
            vertical: true
            text: "查进度"
            subtext: "输入回执上的查询码，看看办到哪一步了"
            onClicked: screen.shell.go("track")
        }
    }

    Item {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        height: syncLine.visible ? syncLine.implicitHeight : offlineLine.implicitHeight
        Text {
            id: offlineLine
            width: parent.width
            visible: !syncLine.visible
            text: "本终端已保存居民反映 " + Kiosk.issueCount + " 件。内容先存在本机，联网后自动上报社区。"
            font.pixelSize: Theme.fontSmall
            color: Theme.inkMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        SyncIndicator {
            id: syncLine
            width: parent.width
        }
    }
}
