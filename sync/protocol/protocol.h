#pragma once
// The fixed facts of sync protocol v1 (PROTOCOL.md): paths, header names and limits. Both the
// terminal (sync/client) and pavilion-central (sync/server) take them from here.
#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

namespace pavilion::sync {

inline constexpr char kPushPath[] = "/v1/events:push";
inline constexpr char kPullPath[] = "/v1/events";

inline constexpr char kHeaderDevice[] = "X-Pavilion-Device";
inline constexpr char kHeaderTimestamp[] = "X-Pavilion-Timestamp";
inline constexpr char kHeaderNonce[] = "X-Pavilion-Nonce";
inline constexpr char kHeaderSignature[] = "X-Pavilion-Signature";

inline constexpr char kJsonContentType[] = "application/json; charset=utf-8";

// A request whose timestamp is further than this from the server's clock is "stale"; a nonce must
// be remembered at least this long after its timestamp.
inline constexpr qint64 kMaxClockSkewSeconds = 300;

inline constexpr int kMaxPushEvents = 500;
inline constexpr qsizetype kMaxPushBodyBytes = qsizetype(4) * 1024 * 1024;
// What a terminal is willing to read from the server, whatever the endpoint.
inline constexpr qsizetype kMaxReplyBodyBytes = qsizetype(8) * 1024 * 1024;

inline constexpr int kMinPullLimit = 1;
inline constexpr int kMaxPullLimit = 1000;
inline constexpr int kDefaultPullLimit = 500;

// Terminal ids as kiosk-config/schema.json allows them: ^[a-z0-9][a-z0-9-]{1,62}$.
bool isWellFormedDeviceId(QByteArrayView id);

// "application/json", optionally with "; charset=utf-8" (any case, spaces around ';' allowed).
// Any other media type or charset is refused: a proxy's HTML error page is not a reply.
bool isJsonContentType(QByteArrayView contentType);

}  // namespace pavilion::sync
