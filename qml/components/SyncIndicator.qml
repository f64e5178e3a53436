import QtQuick
import Pavilion.Backend
import Pavilion.Ui

// The foot of the home screen when the terminal syncs: is what residents reported here on its way
// to the community office? Words as well as a coloured dot, so it never depends on colour alone;
// no counts of records, which mean nothing to a resident (facilitators see them in pavilionctl
// sync status and, later, facilitator mode).
Text {
    id: indicator
    objectName: "syncIndicator"
    readonly property string health: Kiosk.sync.health
    readonly property color dotColor: health === "up-to-date" ? Theme.success
                                    : health === "needs-person" ? Theme.danger
                                    : Theme.accent
    visible: health !== "off"
    font.pixelSize: Theme.fontSmall
    color: Theme.inkMuted
    horizontalAlignment: Text.AlignHCenter
    wrapMode: Text.Wrap
    textFormat: Text.StyledText
    readonly property string words: {
        switch (health) {
        case "up-to-date":
            return (Kiosk.sync.waiting > 0 ? "正在上报社区。"
                    : "已与社区同步" + (Kiosk.sync.lastSuccess ? "（" + Kiosk.sync.lastSuccess + "）" : "") + "。")
                   + "本机可查居民反映 " + Kiosk.issueCount + " 件。"
        case "syncing":
            return "正在与社区同步……本机可查居民反映 " + Kiosk.issueCount + " 件。"
        case "waiting":
            return "暂时连不上社区：反映的事先存在本机，联网后自动上报。"
        case "needs-person":
            return "同步暂停，请告诉社区工作人员。反映的事仍存在本机，不会丢。"
        }
        return ""
    }
    text: "<font color=\"" + dotColor + "\">●</font> " + words
    Accessible.role: Accessible.StaticText
    Accessible.name: words
}
