import QtQuick
import QtQuick.Controls.Basic
import QtQuick.VirtualKeyboard
import Pavilion.Backend
import Pavilion.Ui

// The resident kiosk: a stack of screens, the report in progress, the idle reset and the on-screen
// keyboard, which lives inside the window and pushes the screens up instead of covering them.
Item {
    id: root

    property real textScale: 1.0
    property bool animations: true
    readonly property alias flow: reportFlow
    readonly property alias lookup: trackingLookup
    readonly property alias stack: stack
    readonly property string currentScreen: stack.currentItem ? stack.currentItem.objectName : ""
    readonly property bool keyboardVisible: inputPanel.active_

    Binding { target: Theme; property: "screenUnit"; value: Math.min(root.width, root.height) / 1080 }
    Binding { target: Theme; property: "portrait"; value: root.height > root.width }
    Binding { target: Theme; property: "textScale"; value: root.textScale }
    Binding { target: Theme; property: "animations"; value: root.animations }

    ReportFlow { id: reportFlow }
    TrackingLookup { id: trackingLookup }

    readonly property var screens: ({
        "home": homeScreen,
        "report-category": categoryScreen,
        "report-location": locationScreen,
        "report-similar": similarScreen,
        "report-text": textScreen,
        "report-review": reviewScreen,
        "report-receipt": receiptScreen,
        "track": trackScreen
    })

    function findByName(item, name) {
        if (item.objectName === name) return item
        for (var i = 0; i < item.children.length; ++i) {
            var found = findByName(item.children[i], name)
            if (found) return found
        }
        return null
    }
    readonly property alias inputPanel: inputPanel

    function go(name) {
        stack.push(screens[name], { shell: root })
    }
    function back() {
        if (stack.depth > 1) stack.pop()
    }
    // Start again: nothing of the previous resident stays in memory or on screen.
    function home() {
        Qt.inputMethod.hide()
        reportFlow.reset()
        trackingLookup.clear()
        stack.pop(null)
        Kiosk.maintenance()
    }
    // The receipt ends the flow: back goes home, not into the submitted form.
    function finish(name) {
        stack.pop(null, StackView.Immediate)
        stack.push(screens[name], { shell: root })
    }

    function showScreen(name) {
        // "report-text-keyboard": the description screen with the on-screen keyboard open.
        if (name === "report-text-keyboard") {
            if (!showScreen("report-text")) return false
            var field = findByName(stack.currentItem, "descriptionField")
            field.forceActiveFocus()
            Qt.inputMethod.show()
            return true
        }
        if (!(name in screens)) return false
        home()
        if (name === "track") {
            reportFlow.preparePreview("report-receipt")
            trackingLookup.lookup(reportFlow.receiptCode)
            reportFlow.reset()
        } else if (name !== "home") {
            reportFlow.preparePreview(name)
        }
        if (name !== "home") stack.push(screens[name], { shell: root }, StackView.Immediate)
        return true
    }

    StackView {
        id: stack
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: keyboardVisible ? inputPanel.top : parent.bottom
        initialItem: homeScreen
        // Plain fades: sliding pages confuse some older residents and cost frames on a kiosk.
        pushEnter: Transition { enabled: Theme.animations; NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 180 } }
        pushExit: Transition { enabled: Theme.animations; NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 180 } }
        popEnter: Transition { enabled: Theme.animations; NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 180 } }
        popExit: Transition { enabled: Theme.animations; NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 180 } }
    }

    Component { id: homeScreen; HomeScreen { shell: root } }
    Component { id: categoryScreen; CategoryScreen { } }
    Component { id: locationScreen; LocationScreen { } }
    Component { id: similarScreen; SimilarScreen { } }
    Component { id: textScreen; TextScreen { } }
    Component { id: reviewScreen; ReviewScreen { } }
    Component { id: receiptScreen; ReceiptScreen { } }
    Component { id: trackScreen; TrackScreen { } }

    IdleMonitor {
        id: idle
        objectName: "idleMonitor"
        active: stack.depth > 1
        timeoutSeconds: Kiosk.idleTimeoutSeconds
        warningSeconds: Math.min(20, Math.floor(Kiosk.idleTimeoutSeconds / 3))
        onTimedOut: root.home()
    }

    IdleOverlay {
        anchors.fill: parent
        visible: idle.warning
        remaining: idle.remaining
        onStay: idle.poke()
        onLeave: root.home()
    }

    // The keyboard is loaded in the background just after the first frame, not before it: it is
    // most of the start-up time, and nobody types in the first second.
    property bool keyboardWanted: false
    readonly property bool keyboardReady: inputPanel.status === Loader.Ready
    Timer { interval: 200; running: true; onTriggered: root.keyboardWanted = true }
    // Screenshots (no animations) want the keyboard at once and complete.
    Component.onCompleted: if (!root.animations) root.keyboardWanted = true
    Loader {
        id: inputPanel
        z: 50
        active: root.keyboardWanted
        asynchronous: root.animations
        readonly property bool active_: item !== null && item.active
        // The Loader takes the keyboard's own size (no width or height here, which would make
        // the Loader resize it). A full-width keyboard on a landscape screen would take half the
        // height; keep it to a comfortable width so the field being edited stays in view.
        x: (root.width - (item ? item.width : 0)) / 2
        y: active_ ? root.height - item.height : root.height
        sourceComponent: InputPanel { width: Theme.portrait ? root.width : Math.min(root.width, Theme.px(1200)) }
    }
}
