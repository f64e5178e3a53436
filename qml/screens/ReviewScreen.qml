import QtQuick
import QtQuick.Controls.Basic
import Pavilion.Backend
import Pavilion.Ui

// Check before sending. Each line can be changed; 确认提交 saves, and only after the save the
// receipt says so.
ScreenPage {
    id: screen
    objectName: "report-review"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)
    readonly property ReportFlow flow: shell.flow
    title: "请核对"
    hint: "确认无误后点“确认提交”。"
    step: 4
    stepCount: 4
    onBackRequested: shell.back()
    onHomeRequested: shell.home()

    component ReviewRow: Rectangle {
        id: row
        property string label
        property string value
        property string icon: ""
        property string target: ""
        width: rows.cellWidth
        height: Math.max(Theme.touchMin, rowContent.implicitHeight + 2 * Theme.gapSmall)
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.line
        Item {
            id: rowContent
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.gap }
            implicitHeight: Math.max(textColumn.implicitHeight, editButton.implicitHeight)
            Column {
                id: textColumn
                anchors { left: parent.left; right: editButton.left; rightMargin: Theme.gap; verticalCenter: parent.verticalCenter }
                Text {
                    width: parent.width
                    text: row.label
                    font.pixelSize: Theme.fontSmall
                    color: Theme.inkMuted
                    wrapMode: Text.Wrap
                }
                Row {
                    width: parent.width
                    spacing: Theme.gapSmall
                    CategoryIcon {
                        id: rowIcon
                        visible: row.icon !== ""
                        name: row.icon
                    }
                    Text {
                        width: parent.width - (row.icon !== "" ? rowIcon.width + Theme.gapSmall : 0)
                        text: row.value
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.ink
                        wrapMode: Text.Wrap
                        anchors.verticalCenter: parent.verticalCenter
                    }
                }
            }
            BigButton {
                id: editButton
                anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                text: "修改"
                icon: "edit"
                fontSize: Theme.fontBody
                onClicked: {
                    // Go back to the screen that asked for this.
                    while (screen.shell.stack.depth > 1 && screen.shell.currentScreen !== row.target)
                        screen.shell.stack.pop(undefined, StackView.Immediate)
                    if (screen.shell.currentScreen !== row.target) screen.shell.go(row.target)
                }
            }
        }
    }

    Flickable {
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: footer.top; bottomMargin: Theme.gap }
        contentHeight: rows.height
        clip: true
        // Landscape: two rows of two, so even the largest text fits without scrolling.
        Grid {
            id: rows
            width: parent.width
            columns: Theme.portrait ? 1 : 2
            spacing: Theme.gapSmall
            readonly property real cellWidth: (width - (columns - 1) * spacing) / columns
            ReviewRow { label: "类别"; value: screen.flow.categoryLabel; icon: screen.flow.categoryIcon; target: "report-category" }
            ReviewRow { label: "位置"; value: screen.flow.locationLabel; target: "report-location" }
            ReviewRow { label: "问题描述"; value: screen.flow.text; target: "report-text" }
            ReviewRow { label: "手机号"; value: screen.flow.phone ? screen.flow.phoneMasked : "未留（不影响办理）"; target: "report-text" }
        }
    }

    Column {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        spacing: Theme.gapSmall
        Rectangle {
            visible: screen.flow.errorMessage !== ""
            width: parent.width
            height: errorText.implicitHeight + 2 * Theme.gapSmall
            radius: Theme.radius
            color: Theme.dangerBg
            Text {
                id: errorText
                objectName: "reviewError"
                anchors { fill: parent; margins: Theme.gapSmall }
                text: "⚠ " + screen.flow.errorMessage
                font.pixelSize: Theme.fontBody
                color: Theme.danger
                wrapMode: Text.Wrap
            }
        }
        BigButton {
            objectName: "submitButton"
            width: parent.width
            primary: true
            icon: "ok"
            text: "确认提交"
            subtext: "提交后会得到一个查询码，凭它随时查进度"
            enabled: screen.flow.readyToSubmit
            onClicked: {
                if (screen.flow.submit()) screen.shell.finish("report-receipt")
            }
        }
    }
}
