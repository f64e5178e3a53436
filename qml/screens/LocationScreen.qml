import QtQuick
import Pavilion.Backend
import Pavilion.Ui

// Where is it? Compound → building → unit, or a public area. One question at a time.
ScreenPage {
    id: screen
    objectName: "report-location"
    required property Item shell  // the KioskShell (typed as Item: the shell creates the screens)
    readonly property ReportFlow flow: shell.flow
    readonly property string stage: !flow.compound && !flow.communityLevel ? "compound"
                                  : !flow.building || flow.unitOptions.count === 0 ? "place"
                                  : "unit"
    title: "问题在哪里？"
    hint: stage === "compound" ? "请选择小区；不在小区里的，选“社区公共区域”。"
        : stage === "place" ? (flow.communityLevel ? "社区的哪个地方？" : flow.compound + "：哪栋楼，还是公共区域？")
        : flow.compound + " " + flow.building + "：哪个单元？说不清就选“整栋楼”。"
    step: 2
    stepCount: 4
    onBackRequested: {
        if (stage === "unit") flow.chooseCompound(flow.compound)
        else if (stage === "place") flow.clearLocation()
        else shell.back()
    }
    onHomeRequested: shell.home()

    function proceed() {
        flow.refreshSimilar()
        shell.go(flow.similar.count > 0 ? "report-similar" : "report-text")
    }

    // The choices of the current stage, as one list of {kind, value, label, icon, detail}.
    readonly property var choices: {
        var out = []
        var i
        if (stage === "compound") {
            for (i = 0; i < Kiosk.compounds.count; ++i)
                out.push({ kind: "compound", value: Kiosk.compounds.valueAt(i), label: Kiosk.compounds.labelAt(i), icon: "compound", detail: "" })
            out.push({ kind: "community", value: "", label: "社区公共区域", icon: "community", detail: "街巷、服务中心等" })
        } else if (stage === "place") {
            for (i = 0; i < flow.buildingOptions.count; ++i)
                out.push({ kind: "building", value: flow.buildingOptions.valueAt(i), label: flow.buildingOptions.labelAt(i), icon: "building", detail: "" })
            for (i = 0; i < flow.areaOptions.count; ++i)
                out.push({ kind: "area", value: flow.areaOptions.valueAt(i), label: flow.areaOptions.labelAt(i), icon: "area", detail: "公共区域" })
        } else {
            for (i = 0; i < flow.unitOptions.count; ++i)
                out.push({ kind: "unit", value: flow.unitOptions.valueAt(i), label: flow.unitOptions.labelAt(i), icon: "unit", detail: "" })
            out.push({ kind: "unit", value: "", label: "整栋楼 / 说不清", icon: "building", detail: "" })
        }
        return out
    }

    GridView {
        id: grid
        objectName: "locationGrid"
        anchors.fill: parent
        clip: true
        readonly property int columns: Theme.portrait ? 3 : 5
        cellWidth: Math.floor(width / columns)
        cellHeight: Math.max(Math.floor(height / Math.max(1, Math.ceil(screen.choices.length / columns))), Theme.touchMin * 1.5, Theme.fontBody * 2.6 + Theme.iconBody + Theme.fontSmall * 1.4 + 2 * Theme.gap)
        model: screen.choices
        delegate: Item {
            id: cell
            required property var modelData
            width: grid.cellWidth
            height: grid.cellHeight
            ChoiceTile {
                objectName: "place-" + cell.modelData.label
                anchors.fill: parent
                anchors.margins: Theme.gapSmall / 2
                label: cell.modelData.label
                icon: cell.modelData.icon
                detail: cell.modelData.detail
                onClicked: {
                    // Choosing rebuilds the grid and destroys this delegate: hold what is needed.
                    var c = cell.modelData
                    var page = screen
                    var f = page.flow
                    if (c.kind === "compound") f.chooseCompound(c.value)
                    else if (c.kind === "community") f.chooseCommunityArea()
                    else if (c.kind === "building") f.chooseBuilding(c.value)
                    else if (c.kind === "area") f.choosePublicArea(c.value)
                    else f.chooseUnit(c.value)
                    if (f.locationComplete) page.proceed()
                }
            }
        }
    }
}
