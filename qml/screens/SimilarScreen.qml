import QtQuick
import Pavilion.Backend
import Pavilion.Ui

// Before a new report: the same problem may already be reported here. Backing it (附议) counts
// more than a duplicate.
ScreenPage {
    id: screen
    objectName: "report-similar"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)
    readonly property ReportFlow flow: shell.flow
    title: "这些问题是不是您遇到的？"
    hint: "附近已有居民反映了“" + flow.categoryLabel + "”问题。一样的话点“我也遇到了”，人越多越受重视。"
    step: 2
    stepCount: 4
    onBackRequested: shell.back()
    onHomeRequested: shell.home()

    ListView {
        id: list
        objectName: "similarList"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: newButton.top; bottomMargin: Theme.gap }
        clip: true
        spacing: Theme.gap
        model: screen.flow.similar
        delegate: IssueCard {
            id: card
            objectName: "similar-" + code
            width: ListView.view.width
            actionText: "我也遇到了 (+1)"
            onAction: {
                if (screen.flow.support(card.code)) screen.shell.finish("report-receipt")
            }
        }
    }

    Text {
        anchors { left: parent.left; right: parent.right; bottom: newButton.top; bottomMargin: Theme.gap }
        visible: screen.flow.errorMessage !== ""
        text: "⚠ " + screen.flow.errorMessage
        font.pixelSize: Theme.fontBody
        color: Theme.danger
        wrapMode: Text.Wrap
    }

    BigButton {
        id: newButton
        objectName: "notSameButton"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        text: "都不是，我要反映新问题"
        icon: "report"
        onClicked: screen.shell.go("report-text")
    }
}
