#include "core/terminalconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <cmath>
#include <optional>

#include "core/serverorigin.h"

#include "core/textrules.h"

namespace pavilion {

ConfigError::ConfigError(QString f, QString fld, QString p)
    : std::runtime_error(QStringLiteral("config %1: field %2: %3").arg(f, fld, p).toStdString()),
      file(std::move(f)),
      field(std::move(fld)),
      problem(std::move(p)) {}

QString ConfigError::message() const { return QString::fromStdString(what()); }

QString roleKey(TerminalRole r) {
    switch (r) {
        case TerminalRole::Pavilion: return QStringLiteral("pavilion");
        case TerminalRole::MeetingRoom: return QStringLiteral("meeting-room");
        case TerminalRole::Board: return QStringLiteral("board");
    }
    return {};
}

QString TerminalConfig::trackingUrl(const QString& code) const {
    QString url = trackingUrlTemplate;
    return url.replace(QStringLiteral("{code}"), code);
}

const Category* TerminalConfig::category(const QString& id) const {
    for (const Category& c : categories) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

namespace {

// Reads typed fields and names the exact path of whatever is wrong.
class Reader {
public:
    explicit Reader(QString file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const QString& path, const QString& problem) const {
        throw ConfigError(file_, path, problem);
    }

    QJsonValue need(const QJsonObject& o, const QString& path, const QString& key) const {
        if (!o.contains(key)) fail(join(path, key), QStringLiteral("is required but missing"));
        return o.value(key);
    }

    QString string(const QJsonObject& o, const QString& path, const QString& key, bool required,
                   int maxLen = text::kMaxShortField) const {
        if (!required && !o.contains(key)) return {};
        const QJsonValue v = need(o, path, key);
        if (!v.isString()) fail(join(path, key), QStringLiteral("must be text, got %1").arg(typeName(v)));
        const QString s = v.toString().trimmed();
        if (required && s.isEmpty()) fail(join(path, key), QStringLiteral("must not be empty"));
        if (text::length(s) > maxLen)
            fail(join(path, key), QStringLiteral("is longer than %1 characters").arg(maxLen));
        if (text::sanitize(s, false) != s)
            fail(join(path, key), QStringLiteral("contains control characters"));
        return s;
    }

    int integer(const QJsonObject& o, const QString& path, const QString& key, int lo, int hi,
                std::optional<int> fallback) const {
        if (!o.contains(key)) {
            if (fallback) return *fallback;
            fail(join(path, key), QStringLiteral("is required but missing"));
        }
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
            fail(join(path, key), QStringLiteral("must be a whole number, got %1").arg(typeName(v)));
        // Range check on the double: casting 1e20 to an integer first would be undefined.
        const double d = v.toDouble();
        if (d < lo || d > hi)
            fail(join(path, key), QStringLiteral("must be between %1 and %2, got %3").arg(lo).arg(hi).arg(d, 0, 'g', 15));
        return static_cast<int>(d);
    }

    QJsonObject object(const QJsonObject& o, const QString& path, const QString& key, bool required) const {
        if (!required && !o.contains(key)) return {};
        const QJsonValue v = need(o, path, key);
        if (!v.isObject()) fail(join(path, key), QStringLiteral("must be an object, got %1").arg(typeName(v)));
        return v.toObject();
    }

    QJsonArray array(const QJsonObject& o, const QString& path, const QString& key, bool required,
                     bool nonEmpty) const {
        if (!required && !o.contains(key)) return {};
        const QJsonValue v = need(o, path, key);
        if (!v.isArray()) fail(join(path, key), QStringLiteral("must be a list, got %1").arg(typeName(v)));
        if (nonEmpty && v.toArray().isEmpty()) fail(join(path, key), QStringLiteral("must not be empty"));
        return v.toArray();
    }

    QStringList strings(const QJsonObject& o, const QString& path, const QString& key, bool required) const {
        QStringList out;
        const QJsonArray a = array(o, path, key, required, false);
        for (int i = 0; i < a.size(); ++i) {
            const QString p = QStringLiteral("%1[%2]").arg(join(path, key)).arg(i);
            if (!a.at(i).isString() || a.at(i).toString().trimmed().isEmpty())
                fail(p, QStringLiteral("must be non-empty text"));
            if (out.contains(a.at(i).toString().trimmed())) fail(p, QStringLiteral("is listed twice"));
            out << a.at(i).toString().trimmed();
        }
        return out;
    }

    QJsonObject element(const QJsonArray& a, int i, const QString& path) const {
        if (!a.at(i).isObject()) fail(QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral("must be an object"));
        return a.at(i).toObject();
    }

    static QString join(const QString& path, const QString& key) {
        return path.isEmpty() ? key : path + u'.' + key;
    }

    static QString typeName(const QJsonValue& v) {
        switch (v.type()) {
            case QJsonValue::Null: return QStringLiteral("null");
            case QJsonValue::Bool: return QStringLiteral("true/false");
            case QJsonValue::Double: return QStringLiteral("a number");
            case QJsonValue::String: return QStringLiteral("text");
            case QJsonValue::Array: return QStringLiteral("a list");
            case QJsonValue::Object: return QStringLiteral("an object");
            default: return QStringLiteral("nothing");
        }
    }

private:
    QString file_;
};

QString lineAndColumn(const QByteArray& data, int offset) {
    int line = 1, col = 1;
    for (int i = 0; i < offset && i < data.size(); ++i) {
        if (data.at(i) == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(col);
}

}  // namespace

TerminalConfig TerminalConfig::load(const QString& path) {
    QFile f(path);
    if (!f.exists()) throw ConfigError(path, QStringLiteral("(file)"), QStringLiteral("the file does not exist"));
    if (!f.open(QIODevice::ReadOnly))
        throw ConfigError(path, QStringLiteral("(file)"), QStringLiteral("cannot be read: %1").arg(f.errorString()));
    if (f.size() > 1024 * 1024)
        throw ConfigError(path, QStringLiteral("(file)"), QStringLiteral("is larger than 1 MB"));
    return parse(f.readAll(), path);
}

TerminalConfig TerminalConfig::parse(const QByteArray& json, const QString& fileName) {
    const Reader r(fileName);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        r.fail(QStringLiteral("(file)"), QStringLiteral("is not valid JSON at %1: %2")
                                              .arg(lineAndColumn(json, pe.offset), pe.errorString()));
    if (!doc.isObject()) r.fail(QStringLiteral("(file)"), QStringLiteral("must hold a JSON object"));
    const QJsonObject root = doc.object();

    const int schema = r.integer(root, {}, QStringLiteral("schema"), 1, 1000, std::nullopt);
    if (schema != 1)
        r.fail(QStringLiteral("schema"), QStringLiteral("version %1 is not supported (this build reads version 1)").arg(schema));

    TerminalConfig c;
    c.sourceFile = fileName;

    const QJsonObject term = r.object(root, {}, QStringLiteral("terminal"), true);
    c.terminalId = r.string(term, QStringLiteral("terminal"), QStringLiteral("id"), true);
    static const QRegularExpression idRe(QStringLiteral("^[a-z0-9][a-z0-9-]{1,62}$"));
    if (!idRe.match(c.terminalId).hasMatch())
        r.fail(QStringLiteral("terminal.id"),
               QStringLiteral("must be 2-63 lower-case letters, digits or dashes, got \"%1\"").arg(c.terminalId));
    const QString role = r.string(term, QStringLiteral("terminal"), QStringLiteral("role"), true);
    if (role == QLatin1String("pavilion")) c.role = TerminalRole::Pavilion;
    else if (role == QLatin1String("meeting-room")) c.role = TerminalRole::MeetingRoom;
    else if (role == QLatin1String("board")) c.role = TerminalRole::Board;
    else r.fail(QStringLiteral("terminal.role"),
                QStringLiteral("must be one of pavilion, meeting-room, board, got \"%1\"").arg(role));
    c.venue = r.string(term, QStringLiteral("terminal"), QStringLiteral("venue"), true);

    const QJsonObject comm = r.object(root, {}, QStringLiteral("community"), true);
    c.communityName = r.string(comm, QStringLiteral("community"), QStringLiteral("name"), true);
    c.communityAreas = r.strings(comm, QStringLiteral("community"), QStringLiteral("publicAreas"), false);
    const QJsonArray compounds = r.array(comm, QStringLiteral("community"), QStringLiteral("compounds"), true, true);
    QSet<QString> compoundNames;
    for (int i = 0; i < compounds.size(); ++i) {
        const QString path = QStringLiteral("community.compounds[%1]").arg(i);
        const QJsonObject co = r.element(compounds, i, QStringLiteral("community.compounds"));
        Compound compound;
        compound.name = r.string(co, path, QStringLiteral("name"), true);
        if (compoundNames.contains(compound.name))
            r.fail(path + QStringLiteral(".name"), QStringLiteral("\"%1\" is listed twice").arg(compound.name));
        compoundNames.insert(compound.name);
        compound.publicAreas = r.strings(co, path, QStringLiteral("publicAreas"), false);
        const QJsonArray buildings = r.array(co, path, QStringLiteral("buildings"), true, true);
        QSet<QString> buildingNames;
        for (int b = 0; b < buildings.size(); ++b) {
            const QString bpath = QStringLiteral("%1.buildings[%2]").arg(path).arg(b);
            const QJsonObject bo = r.element(buildings, b, path + QStringLiteral(".buildings"));
            Building building;
            building.name = r.string(bo, bpath, QStringLiteral("name"), true);
            if (buildingNames.contains(building.name))
                r.fail(bpath + QStringLiteral(".name"), QStringLiteral("\"%1\" is listed twice").arg(building.name));
            buildingNames.insert(building.name);
            building.units = r.strings(bo, bpath, QStringLiteral("units"), false);
            compound.buildings << building;
        }
        c.compounds << compound;
    }

    const QJsonArray cats = r.array(root, {}, QStringLiteral("categories"), true, true);
    QSet<QString> catIds;
    for (int i = 0; i < cats.size(); ++i) {
        const QString path = QStringLiteral("categories[%1]").arg(i);
        const QJsonObject co = r.element(cats, i, QStringLiteral("categories"));
        Category cat;
        cat.id = r.string(co, path, QStringLiteral("id"), true);
        const Category* standard = standardCategoryById(cat.id);
        if (!standard)
            r.fail(path + QStringLiteral(".id"),
                   QStringLiteral("\"%1\" is not a known category id (see kiosk-config/schema.json)").arg(cat.id));
        if (catIds.contains(cat.id)) r.fail(path + QStringLiteral(".id"), QStringLiteral("\"%1\" is listed twice").arg(cat.id));
        catIds.insert(cat.id);
        cat.label = r.string(co, path, QStringLiteral("label"), false);
        if (cat.label.isEmpty()) cat.label = standard->label;
        cat.icon = r.string(co, path, QStringLiteral("icon"), false);
        if (cat.icon.isEmpty()) cat.icon = standard->icon;
        c.categories << cat;
    }

    c.idleTimeoutSeconds = r.integer(root, {}, QStringLiteral("idleTimeoutSeconds"), 20, 3600, std::nullopt);
    c.language = r.string(root, {}, QStringLiteral("language"), true);
    if (c.language != QLatin1String("zh_CN") && c.language != QLatin1String("en"))
        r.fail(QStringLiteral("language"), QStringLiteral("must be zh_CN or en, got \"%1\"").arg(c.language));
    c.trackingUrlTemplate = r.string(root, {}, QStringLiteral("trackingUrlTemplate"), true, 300);
    if (!c.trackingUrlTemplate.contains(QStringLiteral("{code}")))
        r.fail(QStringLiteral("trackingUrlTemplate"), QStringLiteral("must contain {code}"));
    if (!c.trackingUrlTemplate.startsWith(QStringLiteral("https://")) &&
        !c.trackingUrlTemplate.startsWith(QStringLiteral("http://")))
        r.fail(QStringLiteral("trackingUrlTemplate"), QStringLiteral("must start with http:// or https://"));

    const QJsonObject sync = r.object(root, {}, QStringLiteral("sync"), false);
    c.sync.serverUrl = r.string(sync, QStringLiteral("sync"), QStringLiteral("serverUrl"), false, 300);
    c.sync.intervalSeconds = r.integer(sync, QStringLiteral("sync"), QStringLiteral("intervalSeconds"), 5, 86400, 60);
    c.sync.caFile = r.string(sync, QStringLiteral("sync"), QStringLiteral("caFile"), false, 300);
    c.sync.pinnedKeySha256 = r.string(sync, QStringLiteral("sync"), QStringLiteral("pinnedKeySha256"), false, 300);
    c.sync.deviceSecretFile = r.string(sync, QStringLiteral("sync"), QStringLiteral("deviceSecretFile"), false, 300);
    if (!c.sync.serverUrl.isEmpty()) {
        QString why;
        if (!parseServerOrigin(c.sync.serverUrl, nullptr, &why)) r.fail(QStringLiteral("sync.serverUrl"), why);
        if (c.sync.deviceSecretFile.isEmpty())
            r.fail(QStringLiteral("sync.deviceSecretFile"),
                   QStringLiteral("is required with sync.serverUrl (the file pavilion-central device add wrote)"));
    }
    if (!c.sync.pinnedKeySha256.isEmpty() && !c.sync.pinnedKeySha256.startsWith(QLatin1String("sha256//")))
        r.fail(QStringLiteral("sync.pinnedKeySha256"), QStringLiteral("must start with sha256// (see sync/protocol/PROTOCOL.md)"));
    return c;
}

}  // namespace pavilion
