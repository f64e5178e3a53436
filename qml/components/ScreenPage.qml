import QtQuick
import Pavilion.Ui

// Frame of every resident screen: a header with 上一步 / the title and step / 回首页, one line of
// instruction, and the screen's content below.
Item {
    id: page
    property string title
    property string hint
    property int step: 0
    property int stepCount: 0
    property bool showBack: true
    property bool showHome: true
    signal backRequested()
    signal homeRequested()
    default property alias content: body.data
    readonly property alias body: body

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Math.max(Theme.headerHeight, headerRow.implicitHeight + 2 * Theme.gapSmall)
        color: Theme.primary

        Item {
            id: headerRow
            anchors.fill: parent
            anchors.margins: Theme.gapSmall
            implicitHeight: Math.max(backButton.implicitHeight, titleColumn.implicitHeight)

            BigButton {
                id: backButton
                visible: page.showBack
                anchors { left: parent.left; verticalCenter: parent.verticalCenter }
                text: "上一步"
                icon: "back"
                fontSize: Theme.fontBody
                onClicked: page.backRequested()
            }
            Column {
                id: titleColumn
                anchors.centerIn: parent
                width: parent.width - 2 * Math.max(backButton.width, homeButton.width) - 2 * Theme.gap
                Text {
                    width: parent.width
                    text: page.title
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.textOnPrimary
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Text {
                    visible: page.stepCount > 0
                    width: parent.width
                    text: "第 " + page.step + " 步，共 " + page.stepCount + " 步"
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textOnPrimary
                    horizontalAlignment: Text.AlignHCenter
                }
            }
            BigButton {
                id: homeButton
                visible: page.showHome
                anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                text: "回首页"
                icon: "home"
                fontSize: Theme.fontBody
                onClicked: page.homeRequested()
            }
        }
    }

    Text {
        id: hintText
        anchors { left: parent.left; right: parent.right; top: header.bottom; margins: Theme.margin }
        anchors.topMargin: Theme.gap
        visible: page.hint !== ""
        height: visible ? implicitHeight : 0
        text: page.hint
        font.pixelSize: Theme.fontLarge
        color: Theme.ink
        wrapMode: Text.Wrap
    }

    Item {
        id: body
        anchors {
            left: parent.left; right: parent.right; top: hintText.bottom; bottom: parent.bottom
            leftMargin: Theme.margin; rightMargin: Theme.margin; topMargin: Theme.gap; bottomMargin: Theme.gap
        }
    }
}
