import QtQuick
import Pavilion.Backend
import Pavilion.Ui

// Shown only after the commit returned: the tracking code to take home, as text and QR code.
ScreenPage {
    id: screen
    objectName: "report-receipt"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)
    readonly property ReportFlow flow: shell.flow
    readonly property bool supported: flow.receiptKind === "support"
    title: supported ? "感谢您的附议" : "已保存，谢谢您！"
    showBack: false
    onHomeRequested: shell.home()

    Grid {
        id: layout
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: doneButton.top; bottomMargin: Theme.gap }
        columns: Theme.portrait ? 1 : 2
        horizontalItemAlignment: Theme.portrait ? Grid.AlignHCenter : Grid.AlignLeft
        spacing: Theme.margin
        readonly property real qrSide: Math.min(Theme.portrait ? width * 0.6 : height * 0.9, Theme.px(520))

        Column {
            width: Theme.portrait ? layout.width : layout.width - layout.qrSide - layout.spacing
            spacing: Theme.gap
            Text {
                width: parent.width
                text: "✅ " + (screen.supported
                      ? "已记下您的附议。目前共有 " + screen.flow.receiptSupporters + " 位居民附议这个问题。"
                      : "您反映的问题已保存在本终端，联网后会自动报给社区。")
                font.pixelSize: Theme.fontLarge
                color: Theme.success
                wrapMode: Text.Wrap
            }
            Text {
                width: parent.width
                text: "您的查询码"
                font.pixelSize: Theme.fontBody
                color: Theme.inkMuted
            }
            Text {
                objectName: "receiptCode"
                width: parent.width
                text: screen.flow.receiptDisplayCode
                font.pixelSize: Theme.fontHuge * 1.2
                font.bold: true
                font.family: "Noto Sans Mono CJK SC"
                font.letterSpacing: Theme.px(8)
                color: Theme.ink
                Accessible.name: "查询码 " + screen.flow.receiptCode.split("").join(" ")
            }
            Text {
                width: parent.width
                text: "请用手机拍下这一页，或扫" + (Theme.portrait ? "下面" : "右边") + "的二维码。凭查询码可以在任何一个议事亭查进度、评价办理结果。"
                font.pixelSize: Theme.fontBody
                color: Theme.ink
                wrapMode: Text.Wrap
            }
        }
        QrCode {
            objectName: "receiptQr"
            width: layout.qrSide
            height: layout.qrSide
            text: screen.flow.receiptUrl
            color: Theme.ink
            Accessible.ignored: true
        }
    }

    BigButton {
        id: doneButton
        objectName: "doneButton"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        primary: true
        icon: "home"
        text: "完成，返回首页"
        onClicked: screen.shell.home()
    }
}
