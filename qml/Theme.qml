pragma Singleton
import QtQuick

// Every size and colour on screen comes from here. Sizes scale with the screen (screenUnit, set by
// the shell from the window's short side) and with the resident's text size (textScale).
QtObject {
    property real screenUnit: 1.0
    property real textScale: 1.0
    property bool portrait: false
    property bool animations: true

    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property string emojiFamily: "Noto Color Emoji"

    function px(n) { return Math.round(n * screenUnit) }
    function fpx(n) { return Math.round(n * screenUnit * textScale) }

    readonly property int fontHuge: fpx(72)
    readonly property int fontTitle: fpx(46)
    readonly property int fontLarge: fpx(36)
    readonly property int fontBody: fpx(30)
    readonly property int fontSmall: fpx(24)
    readonly property int iconLarge: fpx(84)
    readonly property int iconBody: fpx(48)

    readonly property int gap: px(24)
    readonly property int gapSmall: px(12)
    readonly property int margin: px(40)
    readonly property int radius: px(18)
    readonly property int border: Math.max(2, px(3))
    // Touch targets stay at least 96 px at 1080p and grow with the text.
    readonly property int touchMin: Math.max(px(96), Math.round(fontBody * 2.6))
    readonly property int headerHeight: Math.max(px(120), Math.round(fontTitle * 2.4))

    // Warm paper, deep red and ink: body text over 7:1 on every surface.
    readonly property color background: "#F7F2EA"
    readonly property color surface: "#FFFFFF"
    readonly property color surfacePressed: "#EDE3D3"
    readonly property color primary: "#A3161A"
    readonly property color primaryPressed: "#7A0F12"
    readonly property color textOnPrimary: "#FFFFFF"
    readonly property color ink: "#1D1A17"
    readonly property color inkMuted: "#4A433B"
    readonly property color line: "#C9BBA6"
    readonly property color accent: "#8A5A00"
    readonly property color success: "#1B5E34"
    readonly property color successBg: "#E3F1E7"
    readonly property color danger: "#9B1C1C"
    readonly property color dangerBg: "#FBE7E5"
    readonly property color disabled: "#D8D0C4"
    readonly property color textOnDisabled: "#4A433B"
}
