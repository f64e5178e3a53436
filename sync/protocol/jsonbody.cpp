#include "sync/protocol/jsonbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace pavilion::sync::detail {

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

QString quoted(const QString& text) {
    constexpr qsizetype kMax = 80;
    if (text.size() <= kMax) return u'"' + text + u'"';
    return u'"' + text.left(kMax) + QStringLiteral("…\" (%1 characters)").arg(text.size());
}

bool parseObject(const QByteArray& body, qsizetype maxBytes, const char* what, QJsonObject* out,
                 QString* error) {
    // The size check comes before parsing so a huge body costs nothing more than its reading.
    if (body.size() > maxBytes)
        return fail(error, QStringLiteral("%1 is %2 bytes, more than the limit of %3 bytes")
                               .arg(QLatin1String(what))
                               .arg(body.size())
                               .arg(maxBytes));
    if (body.trimmed().isEmpty())
        return fail(error,
                    QStringLiteral("%1 is empty, expected a JSON object").arg(QLatin1String(what)));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // Qt 6.4 refuses a bare top-level value ("null", 42, "x") as "illegal value"; wrapped in
        // an array it parses, and then the message can say what came instead of an object.
        QJsonParseError wrappedError;
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + body + ']', &wrappedError);
        if (wrappedError.error == QJsonParseError::NoError && wrapped.array().size() == 1)
            return fail(error, QStringLiteral("%1 must be a JSON object, got %2")
                                   .arg(QLatin1String(what), typeName(wrapped.array().at(0))));
        return fail(error, QStringLiteral("%1 is not valid JSON: %2 at byte %3")
                               .arg(QLatin1String(what), pe.errorString())
                               .arg(pe.offset));
    }
    if (!doc.isObject()) {
        return fail(
            error, QStringLiteral("%1 must be a JSON object, got %2")
                       .arg(QLatin1String(what), doc.isArray() ? QStringLiteral("an array")
                                                               : QStringLiteral("something else")));
    }
    *out = doc.object();
    return true;
}

bool wholeNumber(const QJsonValue& v, qint64* out) {
    if (!v.isDouble()) return false;
    // QJsonValue::toInteger returns its default for anything that is not a whole number that fits
    // in qint64; two different defaults tell that case apart from a real value.
    const qint64 a = v.toInteger(-1);
    const qint64 b = v.toInteger(-2);
    if (a != b) return false;
    *out = a;
    return true;
}

QString typeName(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("a boolean");
        case QJsonValue::Double:
            return QStringLiteral("a number");
        case QJsonValue::String:
            return QStringLiteral("a string");
        case QJsonValue::Array:
            return QStringLiteral("an array");
        case QJsonValue::Object:
            return QStringLiteral("an object");
        case QJsonValue::Undefined:
            return QStringLiteral("nothing (missing)");
    }
    return QStringLiteral("an unknown type");
}

}  // namespace pavilion::sync::detail
