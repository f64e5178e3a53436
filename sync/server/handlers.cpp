#include "sync/server/handlers.h"

#include "storage/storeerror.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/pull.h"
#include "sync/protocol/push.h"
#include "sync/server/serverlog.h"

namespace pavilion::central {

namespace {

using sync::ErrorCode;

enum class Route { None, Push, Pull };

QByteArray pathOf(const QByteArray& target) {
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

Route routeOf(const QByteArray& method, const QByteArray& target) {
    const QByteArray path = pathOf(target);
    if (method == "POST" && path == sync::kPushPath) return Route::Push;
    if (method == "GET" && path == sync::kPullPath) return Route::Pull;
    return Route::None;
}

// The terminal reads at most kMaxReplyBodyBytes; a page of large events must stay well below.
constexpr qsizetype kMaxPullPageBytes = sync::kMaxReplyBodyBytes * 3 / 4;

Reply push(CentralStore& store, const Request& request, const QString& device,
           const QDateTime& now) {
    if (request.target.contains('?'))
        return errorReply(
            ErrorCode::BadRequest,
            QStringLiteral("%1 takes no query string").arg(QLatin1String(sync::kPushPath)));
    QList<Event> events;
    sync::ProtocolError error;
    if (!sync::decodePushRequest(request.body, device, &events, &error))
        return errorReply(error.code, error.message);
    return Reply{200, sync::encodePushReply(store.push(device, events, now)), 0};
}

Reply pull(CentralStore& store, const Request& request) {
    const qsizetype q = request.target.indexOf('?');
    const QByteArray query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    sync::PullQuery pullQuery;
    sync::ProtocolError error;
    if (!sync::decodePullQuery(query, &pullQuery, &error))
        return errorReply(error.code, error.message);
    return Reply{
        200, sync::encodePullReply(store.pull(pullQuery.after, pullQuery.limit, kMaxPullPageBytes)),
        0};
}

}  // namespace

Reply errorReply(ErrorCode code, const QString& message) {
    return Reply{sync::httpStatus(code), sync::encodeError(code, message), 0};
}

std::optional<Reply> preflight(const QByteArray& method, const QByteArray& target,
                               std::optional<qint64> contentLength) {
    if (routeOf(method, target) == Route::None)
        return errorReply(ErrorCode::NotFound,
                          QStringLiteral("there is no %1 %2 here; the sync endpoints are POST %3 "
                                         "and GET %4?after=N&limit=M")
                              .arg(QString::fromLatin1(method.left(16)),
                                   QString::fromUtf8(pathOf(target).left(200)),
                                   QLatin1String(sync::kPushPath), QLatin1String(sync::kPullPath)));
    if (contentLength && *contentLength > sync::kMaxPushBodyBytes)
        return errorReply(ErrorCode::TooLarge,
                          QStringLiteral("the request body is %1 bytes, more than the limit of %2 "
                                         "bytes; send fewer events at a time")
                              .arg(*contentLength)
                              .arg(sync::kMaxPushBodyBytes));
    return std::nullopt;
}

Reply bodyTooLarge() {
    return errorReply(ErrorCode::TooLarge,
                      QStringLiteral("the request body is more than the limit of %1 bytes; send "
                                     "fewer events at a time")
                          .arg(sync::kMaxPushBodyBytes));
}

Reply handle(CentralStore& store, const Request& request, const QDateTime& now) {
    try {
        QString device;
        sync::ProtocolError error;
        if (!authenticate(store, request.auth, {request.method, request.target, request.body},
                          now.toSecsSinceEpoch(), &device, &error))
            return errorReply(error.code, error.message);
        // 8. The body. The signature covers the bytes as sent, so an encoded body could be
        // authenticated; v1 still refuses it, and only after the nonce is spent.
        if (!request.contentEncoding.isNull())
            return errorReply(ErrorCode::BadRequest,
                              QStringLiteral("Content-Encoding is not allowed in protocol v1; "
                                             "send the body uncompressed"));
        switch (routeOf(request.method, request.target)) {
            case Route::Push:
                return push(store, request, device, now);
            case Route::Pull:
                return pull(store, request);
            case Route::None:
                break;
        }
        return errorReply(ErrorCode::NotFound, QStringLiteral("no such endpoint"));
    } catch (const StoreError& e) {
        // Details to the operator's log; the terminal only learns that it should try later.
        logLine(QStringLiteral("store failed: %1").arg(e.message()));
        if (e.kind() == StoreError::Kind::Busy) {
            Reply r = errorReply(ErrorCode::ServerError,
                                 QStringLiteral("the server is busy; try again shortly"));
            r.status = 503;
            r.retryAfterSeconds = 5;
            return r;
        }
        return errorReply(ErrorCode::ServerError,
                          QStringLiteral("the server's database failed; try again later"));
    } catch (const std::exception& e) {
        logLine(QStringLiteral("request failed: %1").arg(QString::fromLocal8Bit(e.what())));
        return errorReply(ErrorCode::ServerError,
                          QStringLiteral("the server failed; try again later"));
    }
}

}  // namespace pavilion::central
