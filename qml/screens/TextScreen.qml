import QtQuick
import QtQuick.Controls.Basic
import Pavilion.Backend
import Pavilion.Ui

// Say what is wrong, and leave a phone number if you want a call back.
ScreenPage {
    id: screen
    objectName: "report-text"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)
    readonly property ReportFlow flow: shell.flow
    title: "说说是什么问题"
    hint: shell.keyboardVisible ? "" : flow.categoryLabel + " · " + flow.locationLabel
    step: 3
    stepCount: 4
    onBackRequested: shell.back()
    onHomeRequested: shell.home()

    // Landscape: the description on the left, phone and 下一步 on the right. Portrait: stacked.
    Item {
        id: left
        x: 0
        y: 0
        width: Theme.portrait ? parent.width : Math.round(parent.width * 0.6)
        height: Theme.portrait ? parent.height - right.height - Theme.gap : parent.height

        Text {
            id: descriptionLabel
            width: parent.width
            text: "问题描述"
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.ink
        }
        Rectangle {
            id: frame
            anchors { left: parent.left; right: parent.right; top: descriptionLabel.bottom; bottom: counter.top; topMargin: Theme.px(8); bottomMargin: Theme.px(8) }
            radius: Theme.radius
            color: Theme.surface
            border.width: description.activeFocus ? Theme.border * 2 : Theme.border
            border.color: description.activeFocus ? Theme.primary : Theme.line
            Flickable {
                id: textFlick
                anchors.fill: parent
                anchors.margins: Theme.gapSmall
                contentHeight: description.implicitHeight
                clip: true
                TextArea.flickable: TextArea {
                    id: description
                    objectName: "descriptionField"
                    text: screen.flow.text
                    wrapMode: TextArea.Wrap
                    font.pixelSize: Theme.fontLarge
                    color: Theme.ink
                    placeholderText: "比如：3号楼楼顶一下雨就漏水，顶楼两户卧室墙皮都泡了。"
                    placeholderTextColor: Theme.inkMuted
                    background: null
                    inputMethodHints: Qt.ImhNoPredictiveText
                    Accessible.name: "问题描述"
                    onTextChanged: {
                        var clamped = screen.flow.clampText(text)
                        if (clamped !== text) {
                            text = clamped
                            cursorPosition = text.length
                        }
                        screen.flow.text = text
                    }
                }
            }
        }
        Text {
            id: counter
            objectName: "textCounter"
            anchors.bottom: parent.bottom
            width: parent.width
            horizontalAlignment: Text.AlignRight
            text: screen.flow.textLength + " / " + screen.flow.maxTextLength + " 字"
                  + (screen.flow.textLength >= screen.flow.maxTextLength ? "（已到上限）" : "")
            font.pixelSize: Theme.fontSmall
            font.bold: screen.flow.textLength >= screen.flow.maxTextLength
            color: screen.flow.textLength >= screen.flow.maxTextLength ? Theme.danger : Theme.inkMuted
        }
    }

    Item {
        id: right
        x: Theme.portrait ? 0 : left.width + Theme.margin
        y: Theme.portrait ? parent.height - height : 0
        width: Theme.portrait ? parent.width : parent.width - left.width - Theme.margin
        height: Theme.portrait ? phoneBox.implicitHeight + Theme.gap + nextButton.height : parent.height

        TextBox {
            id: phoneBox
            width: parent.width
            label: "手机号（选填，屏幕上会隐藏）"
            placeholder: "11 位手机号"
            problem: screen.flow.phone.length === 11 || phoneBox.field.activeFocus === false ? screen.flow.phoneProblem : ""
            field.objectName: "phoneField"
            field.text: screen.flow.phone
            field.echoMode: TextInput.PasswordEchoOnEdit
            field.passwordCharacter: "•"
            field.maximumLength: 11
            field.inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
            field.onTextChanged: screen.flow.phone = phoneBox.field.text
        }

        BigButton {
            id: nextButton
            objectName: "textNextButton"
            anchors.left: parent.left
            anchors.right: parent.right
            // With the keyboard open the column is short: keep the button under the phone field.
            anchors.bottom: screen.shell.keyboardVisible ? undefined : parent.bottom
            anchors.top: screen.shell.keyboardVisible ? phoneBox.bottom : undefined
            anchors.topMargin: Theme.gap
            primary: true
            enabled: screen.flow.textProblem === "" && screen.flow.phoneProblem === ""
            text: "下一步：核对"
            subtext: screen.flow.textProblem
            onClicked: {
                Qt.inputMethod.hide()
                screen.shell.go("report-review")
            }
        }
    }
}
