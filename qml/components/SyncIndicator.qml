import QtQuick
import Pavilion.Backend
import Pavilion.Ui

// One line at the foot of the home screen: is what residents reported here on its way to the
// community office? Words as well as a coloured dot, so it never depends on colour alone.
Row {
    id: indicator
    readonly property string health: Kiosk.sync.health
    visible: health !== "off"
    spacing: Theme.gapSmall

    Rectangle {
        anchors.verticalCenter: parent.verticalCenter
        width: Theme.fontSmall * 0.7
        height: width
        radius: width / 2
        color: indicator.health === "up-to-date" ? Theme.success
             : indicator.health === "needs-person" ? Theme.danger
             : Theme.accent
    }
    Text {
        id: label
        objectName: "syncIndicatorText"
        width: Math.min(implicitWidth, indicator.parent ? indicator.parent.width - Theme.fontSmall * 2 : implicitWidth)
        font.pixelSize: Theme.fontSmall
        color: Theme.inkMuted
        wrapMode: Text.Wrap
        text: {
            const waiting = Kiosk.sync.waiting
            switch (indicator.health) {
            case "up-to-date":
                return waiting > 0 ? "有 " + waiting + " 条记录正在上报社区"
                                   : "已全部上报社区" + (Kiosk.sync.lastSuccess ? "（" + Kiosk.sync.lastSuccess + "）" : "")
            case "syncing":
                return "正在与社区同步……"
            case "waiting":
                return waiting > 0 ? "暂时连不上社区，" + waiting + " 条记录已存在本机，联网后自动上报"
                                   : "暂时连不上社区，联网后自动同步"
            case "needs-person":
                return "同步暂停，请联系社区工作人员" + (waiting > 0 ? "（" + waiting + " 条记录已存在本机）" : "")
            }
            return ""
        }
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }
}
