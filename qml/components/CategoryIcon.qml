import QtQuick
import Pavilion.Ui

// Pictograms for categories and actions, drawn from the colour emoji font so they read at a
// glance without relying on words alone. Unknown names fall back to a speech bubble.
Text {
    id: root
    property string name
    property real size: Theme.iconBody

    readonly property var glyphs: ({
        "roof-leak": "☔", "drain": "🪠", "parking": "🚒", "charging": "🔌", "noise": "🔊",
        "trash": "🗑️", "tree": "🌳", "light": "💡", "elevator": "🛗", "heating": "🌡️",
        "gate": "🚪", "fitness": "🏓", "parcel": "📦", "service": "🛠️", "dispute": "🤝",
        "care": "🧓", "other": "💬", "compound": "🏘️", "building": "🏢", "unit": "🚪",
        "area": "🌳", "community": "🏛️", "report": "📝", "track": "🔍", "support": "👍",
        "ok": "✅", "back": "⬅️", "home": "🏠", "phone": "📱", "edit": "✏️"
    })

    text: glyphs[name] !== undefined ? glyphs[name] : "💬"
    font.family: Theme.emojiFamily
    font.pixelSize: size
    Accessible.ignored: true
}
