#include "core/event.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include "core/clock.h"

namespace pavilion {

QString newUuid() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

Event makeEvent(const QString& type, const QString& terminalId, const QDateTime& at,
                QJsonObject payload) {
    Event e;
    e.id = newUuid();
    e.terminalId = terminalId;
    e.type = type;
    e.occurredAt = at.toUTC();
    e.payload = std::move(payload);
    return e;
}

QJsonObject Event::toJson() const {
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("terminal"), terminalId},
        {QStringLiteral("seq"), terminalSeq},
        {QStringLiteral("type"), type},
        {QStringLiteral("at"), isoUtc(occurredAt)},
        {QStringLiteral("payload"), payload},
    };
}

QByteArray Event::canonicalJson() const {
    // QJsonObject keeps keys sorted, so compact output is already canonical.
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

bool Event::fromJson(const QJsonObject& o, Event* out, QString* error) {
    auto fail = [error](const QString& m) {
        if (error) *error = m;
        return false;
    };
    const auto str = [&o](const char* k) { return o.value(QLatin1String(k)); };
    if (!str("id").isString() || QUuid::fromString(str("id").toString()).isNull())
        return fail(QStringLiteral("event id must be a UUID"));
    if (!str("terminal").isString() || str("terminal").toString().isEmpty())
        return fail(QStringLiteral("event terminal must be a non-empty string"));
    if (!str("seq").isDouble() || str("seq").toDouble() < 1 ||
        str("seq").toDouble() != static_cast<double>(str("seq").toInteger()))
        return fail(QStringLiteral("event seq must be a positive whole number"));
    if (!str("type").isString() || str("type").toString().isEmpty())
        return fail(QStringLiteral("event type must be a non-empty string"));
    // A time without a zone would be read in each machine's local zone: terminals would disagree.
    static const QRegularExpression zoned(QStringLiteral("(Z|[+-]\\d\\d:\\d\\d)$"));
    const QString atText = str("at").toString();
    const QDateTime at = parseIsoUtc(atText);
    // The regex is only needed for an offset: a trailing 'Z' is the zone (and by far the common case).
    if (!at.isValid() || !(atText.endsWith(u'Z') || zoned.match(atText).hasMatch()))
        return fail(QStringLiteral("event at must be an ISO 8601 time with a zone (…Z)"));
    if (!str("payload").isObject()) return fail(QStringLiteral("event payload must be an object"));
    out->id = str("id").toString();
    out->terminalId = str("terminal").toString();
    out->terminalSeq = str("seq").toInteger();
    out->type = str("type").toString();
    out->occurredAt = at;
    out->payload = str("payload").toObject();
    return true;
}

}  // namespace pavilion
