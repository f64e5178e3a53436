#pragma once
// The sync endpoints, apart from HTTP plumbing: a request goes in as bytes, a status and a JSON
// body come out. httpserver.cpp feeds them from libmicrohttpd.
#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

#include "sync/protocol/errors.h"
#include "sync/server/centralstore.h"
#include "sync/server/requestauth.h"

namespace pavilion::central {

struct Request {
    QByteArray method;
    QByteArray target;  // the request-target exactly as on the request line (what is signed)
    AuthHeaders auth;
    QByteArray contentEncoding;  // null when the header is absent
    QByteArray body;
};

struct Reply {
    int status = 200;
    QByteArray body;            // always JSON
    int retryAfterSeconds = 0;  // sent as Retry-After when > 0
};

Reply errorReply(sync::ErrorCode code, const QString& message);

// Step 1 of PROTOCOL.md §3.4, before any of the body is read: the route exists for the method,
// and the declared Content-Length (when there is one) is within the limit. Returns the refusal,
// or nothing when the request may go on.
std::optional<Reply> preflight(const QByteArray& method, const QByteArray& target,
                               std::optional<qint64> contentLength);

// The refusal for a body that grew past the limit while it was read (chunked uploads).
Reply bodyTooLarge();

// Steps 2 to 8 for a request that passed preflight and whose body has been read in full.
Reply handle(CentralStore& store, const Request& request, const QDateTime& now);

}  // namespace pavilion::central
