import QtQuick
import Pavilion.Backend
import Pavilion.Ui

// 查进度: type the code from the receipt, or pick from the issues reported recently.
ScreenPage {
    id: screen
    objectName: "track"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)
    readonly property TrackingLookup lookup: shell.lookup
    title: "查进度"
    hint: shell.keyboardVisible ? "" : "输入回执上的 8 位查询码，或在下面的列表里点一下。"
    onBackRequested: {
        if (lookup.found) lookup.clear()
        else shell.back()
    }
    onHomeRequested: shell.home()

    Row {
        id: searchRow
        anchors { left: parent.left; right: parent.right; top: parent.top }
        spacing: Theme.gap
        TextBox {
            id: codeBox
            width: parent.width - searchButton.width - Theme.gap
            label: "查询码"
            placeholder: "例如 K7QM 3HXP"
            problem: screen.lookup.message
            field.objectName: "codeField"
            field.font.capitalization: Font.AllUppercase
            field.maximumLength: 12
            field.inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
            field.onAccepted: screen.search()
        }
        BigButton {
            id: searchButton
            objectName: "searchButton"
            anchors.bottom: codeBox.problem === "" ? codeBox.bottom : undefined
            y: codeBox.problem === "" ? 0 : codeBox.field.y
            primary: true
            icon: "track"
            text: "查询"
            onClicked: screen.search()
        }
    }

    function search() {
        Qt.inputMethod.hide()
        lookup.lookup(codeBox.text)
    }

    // Result: status and timeline.
    Flickable {
        id: result
        objectName: "trackResult"
        visible: screen.lookup.found
        anchors { left: parent.left; right: parent.right; top: searchRow.bottom; bottom: parent.bottom; topMargin: Theme.gap }
        contentHeight: detailColumn.implicitHeight
        clip: true
        Column {
            id: detailColumn
            width: parent.width
            spacing: Theme.gapSmall
            Row {
                spacing: Theme.gap
                width: parent.width
                CategoryIcon { name: screen.lookup.categoryIcon; size: Theme.iconLarge }
                Column {
                    width: parent.width - Theme.iconLarge - Theme.gap
                    Text {
                        width: parent.width
                        text: screen.lookup.categoryLabel + " · " + screen.lookup.locationLabel
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.ink
                        wrapMode: Text.Wrap
                    }
                    Text {
                        objectName: "trackStatus"
                        width: parent.width
                        text: "当前状态：" + screen.lookup.statusLabel + " · 已有 " + screen.lookup.supporters + " 位居民附议 · 查询码 " + screen.lookup.displayCode
                        font.pixelSize: Theme.fontBody
                        color: Theme.primary
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                }
            }
            Text {
                width: parent.width
                text: screen.lookup.text
                font.pixelSize: Theme.fontBody
                color: Theme.ink
                wrapMode: Text.Wrap
            }
            Text {
                width: parent.width
                text: "办理经过"
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.inkMuted
                topPadding: Theme.gap
            }
            Repeater {
                model: screen.lookup.timeline
                delegate: Row {
                    id: entry
                    required property string value
                    required property string label
                    required property string detail
                    width: detailColumn.width
                    spacing: Theme.gap
                    Rectangle {
                        width: Theme.px(20); height: width; radius: width / 2
                        color: Theme.primary
                        anchors.verticalCenter: parent.verticalCenter
                    }
                    Text {
                        width: parent.width - Theme.px(20) - Theme.gap
                        text: entry.value + "　" + entry.label + (entry.detail ? "（" + entry.detail + "）" : "")
                        font.pixelSize: Theme.fontBody
                        color: Theme.ink
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
    }

    // Otherwise: recent issues to pick from.
    Column {
        visible: !screen.lookup.found
        anchors { left: parent.left; right: parent.right; top: searchRow.bottom; bottom: parent.bottom; topMargin: Theme.gap }
        spacing: Theme.gapSmall
        Text {
            id: recentTitle
            width: parent.width
            text: "最近反映的问题"
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.inkMuted
        }
        ListView {
            objectName: "recentList"
            width: parent.width
            height: parent.height - recentTitle.height - parent.spacing
            clip: true
            spacing: Theme.gapSmall
            model: Kiosk.recent
            delegate: IssueCard {
                id: card
                objectName: "recent-" + code
                width: ListView.view.width
                onTapped: screen.lookup.lookup(card.code)
            }
        }
    }
}
