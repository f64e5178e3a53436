import QtQuick
import Pavilion.Backend
import Pavilion.Ui

ScreenPage {
    id: screen
    objectName: "report-category"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)
    title: "我要反映"
    hint: "遇到的是哪一类问题？请点一下。"
    step: 1
    stepCount: 4
    onBackRequested: shell.back()
    onHomeRequested: shell.home()

    GridView {
        id: grid
        objectName: "categoryGrid"
        anchors.fill: parent
        clip: true
        readonly property int columns: Theme.portrait ? 3 : 6
        cellWidth: Math.floor(width / columns)
        cellHeight: Math.max(Math.floor(height / Math.max(1, Math.ceil(Kiosk.categories.count / columns))), Theme.touchMin * 1.6, Theme.fontBody * 2.8 + Theme.iconBody + 2 * Theme.gap)
        model: Kiosk.categories
        delegate: Item {
            id: cell
            required property string value
            required property string label
            required property string icon
            width: grid.cellWidth
            height: grid.cellHeight
            ChoiceTile {
                objectName: "category-" + cell.value
                anchors.fill: parent
                anchors.margins: Theme.gapSmall / 2
                label: cell.label
                icon: cell.icon
                selected: screen.shell.flow.categoryId === cell.value
                onClicked: {
                    screen.shell.flow.chooseCategory(cell.value)
                    screen.shell.go("report-location")
                }
            }
        }
    }
}
