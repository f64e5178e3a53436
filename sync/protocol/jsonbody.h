#pragma once
// Internal helpers shared by the push and pull codecs: reading a JSON body with a size limit and
// reading whole numbers exactly. Not part of the protocol's public API.
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace pavilion::sync::detail {

// Parses `body` as a JSON object. `what` names the body in messages ("push reply", …). False with
// a plain message when it is larger than maxBytes, not JSON, or not an object.
bool parseObject(const QByteArray& body, qsizetype maxBytes, const char* what, QJsonObject* out,
                 QString* error);

// A JSON number that is a whole number exactly representable as qint64 (1, 1.0 and 1e3 are; 1.5,
// 1e300, "1", true and null are not).
bool wholeNumber(const QJsonValue& v, qint64* out);

// Human-readable JSON type of a value, for messages: "a string", "null", "an array", …
QString typeName(const QJsonValue& v);

bool fail(QString* error, const QString& message);

// `text` in quotes for a message, cut to 80 characters: a hostile peer's strings can be megabytes.
QString quoted(const QString& text);

}  // namespace pavilion::sync::detail
