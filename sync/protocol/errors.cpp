#include "sync/protocol/errors.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "sync/protocol/jsonbody.h"
#include "sync/protocol/protocol.h"

namespace pavilion::sync {

namespace {

struct CodeInfo {
    ErrorCode code;
    const char* name;
    int status;
};

constexpr CodeInfo kCodes[] = {
    {ErrorCode::BadRequest, "bad-request", 400},
    {ErrorCode::Unauthorized, "unauthorized", 401},
    {ErrorCode::Stale, "stale", 401},
    {ErrorCode::Replay, "replay", 401},
    {ErrorCode::Forbidden, "forbidden", 403},
    {ErrorCode::NotFound, "not-found", 404},
    {ErrorCode::Conflict, "conflict", 409},
    {ErrorCode::TooLarge, "too-large", 413},
    {ErrorCode::ServerError, "server-error", 500},
};

const CodeInfo& info(ErrorCode code) {
    for (const CodeInfo& c : kCodes)
        if (c.code == code) return c;
    return kCodes[std::size(kCodes) - 1];  // unreachable for a valid enum value
}

constexpr qsizetype kMaxShownMessage = 500;

}  // namespace

QByteArray errorCodeName(ErrorCode code) {
    return QByteArray(info(code).name);
}

bool errorCodeFromName(const QString& name, ErrorCode* out) {
    for (const CodeInfo& c : kCodes) {
        if (name == QLatin1String(c.name)) {
            *out = c.code;
            return true;
        }
    }
    return false;
}

int httpStatus(ErrorCode code) {
    return info(code).status;
}

QByteArray encodeError(ErrorCode code, const QString& message) {
    const QJsonObject inner{{QStringLiteral("code"), QString::fromLatin1(info(code).name)},
                            {QStringLiteral("message"), message}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), inner}})
        .toJson(QJsonDocument::Compact);
}

bool decodeError(const QByteArray& body, ErrorReply* out, QString* error) {
    QJsonObject o;
    if (!detail::parseObject(body, kMaxReplyBodyBytes, "error reply", &o, error)) return false;
    const QJsonValue inner = o.value(QStringLiteral("error"));
    if (!inner.isObject())
        return detail::fail(error,
                            QStringLiteral("error reply: \"error\" must be an object, got %1")
                                .arg(detail::typeName(inner)));
    const QJsonValue code = inner.toObject().value(QStringLiteral("code"));
    const QJsonValue message = inner.toObject().value(QStringLiteral("message"));
    if (!code.isString() || code.toString().isEmpty())
        return detail::fail(
            error, QStringLiteral("error reply: \"code\" must be a non-empty string, got %1")
                       .arg(detail::typeName(code)));
    if (!message.isString())
        return detail::fail(error,
                            QStringLiteral("error reply: \"message\" must be a string, got %1")
                                .arg(detail::typeName(message)));
    out->code = code.toString().left(64);
    out->message = message.toString().left(kMaxShownMessage);
    return true;
}

}  // namespace pavilion::sync
