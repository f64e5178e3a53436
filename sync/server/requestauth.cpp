#include "sync/server/requestauth.h"

#include "sync/protocol/protocol.h"
#include "sync/protocol/signing.h"

namespace pavilion::central {

namespace {

using sync::ErrorCode;

bool refuse(sync::ProtocolError* error, ErrorCode code, const QString& message) {
    *error = sync::ProtocolError{code, message};
    return false;
}

bool isLowerHex64(const QByteArray& text) {
    if (text.size() != 64) return false;
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

// "450 seconds (about 8 minutes)": what a facilitator needs to set the clock right.
QString duration(qint64 seconds) {
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 2) return QStringLiteral("%1 seconds").arg(seconds);
    if (minutes < 120)
        return QStringLiteral("%1 seconds (about %2 minutes)").arg(seconds).arg(minutes);
    return QStringLiteral("%1 seconds (about %2 hours)").arg(seconds).arg((minutes + 30) / 60);
}

QString missingOrMalformed(const char* header, const QByteArray& value, const char* rule) {
    return value.isNull() ? QStringLiteral("the %1 header is missing").arg(QLatin1String(header))
                          : QStringLiteral("the %1 header is malformed: it must be %2")
                                .arg(QLatin1String(header), QLatin1String(rule));
}

}  // namespace

bool authenticate(CentralStore& store, const AuthHeaders& headers, const SignedRequest& request,
                  qint64 nowUnixSeconds, QString* device, sync::ProtocolError* error) {
    // 2. Headers present and well-formed.
    if (!sync::isWellFormedDeviceId(headers.device))
        return refuse(error, ErrorCode::Unauthorized,
                      missingOrMalformed(sync::kHeaderDevice, headers.device,
                                         "a terminal id (a-z, 0-9 and '-', 2 to 63 characters)"));
    qint64 timestamp = 0;
    if (!sync::parseTimestamp(headers.timestamp, &timestamp))
        return refuse(error, ErrorCode::Unauthorized,
                      missingOrMalformed(sync::kHeaderTimestamp, headers.timestamp,
                                         "Unix seconds in decimal digits"));
    if (!sync::isWellFormedNonce(headers.nonce))
        return refuse(error, ErrorCode::Unauthorized,
                      missingOrMalformed(sync::kHeaderNonce, headers.nonce,
                                         "32 lowercase hexadecimal characters"));
    if (!isLowerHex64(headers.signature))
        return refuse(error, ErrorCode::Unauthorized,
                      missingOrMalformed(sync::kHeaderSignature, headers.signature,
                                         "64 lowercase hexadecimal characters"));
    const QString id = QString::fromLatin1(headers.device);

    // 3. Known device.
    const std::optional<DeviceRecord> record = store.findDevice(id);
    if (!record)
        return refuse(error, ErrorCode::Unauthorized,
                      QStringLiteral("device \"%1\" is not enrolled on this server; enrol it with "
                                     "\"pavilion-central device add\"")
                          .arg(id));

    // 4. Fresh.
    if (!sync::isFresh(timestamp, nowUnixSeconds)) {
        const bool ahead = timestamp > nowUnixSeconds;
        const qint64 off = ahead ? timestamp - nowUnixSeconds : nowUnixSeconds - timestamp;
        return refuse(
            error, ErrorCode::Stale,
            QStringLiteral("the request's timestamp is %1 %2 the server's clock; at most "
                           "%3 seconds either way are accepted. Set this terminal's "
                           "clock right (NTP).")
                .arg(duration(off), ahead ? QStringLiteral("ahead of") : QStringLiteral("behind"))
                .arg(sync::kMaxClockSkewSeconds));
    }

    // 5. Signature, in constant time; the message does not say which part did not match.
    if (!sync::verifySignature(record->secret, request.method, request.target, timestamp,
                               headers.nonce, request.body, headers.signature))
        return refuse(error, ErrorCode::Unauthorized,
                      QStringLiteral("the request signature does not verify; check that the "
                                     "terminal's device secret file holds the secret this server "
                                     "issued for \"%1\"")
                          .arg(id));

    // 6. Revoked: said only to the device itself, hence after the signature.
    if (record->revoked())
        return refuse(error, ErrorCode::Forbidden,
                      QStringLiteral("device \"%1\" was revoked on this server at %2; it may "
                                     "not sync any more (ask the server's operator)")
                          .arg(id, record->revokedAt));

    // 7. Not replayed. Remembered only now, so nobody without the secret can burn nonces.
    if (!store.rememberNonce(id, headers.nonce, nowUnixSeconds))
        return refuse(error, ErrorCode::Replay,
                      QStringLiteral("this device already sent a request with this nonce; every "
                                     "request, retries included, needs a new nonce"));
    *device = id;
    return true;
}

}  // namespace pavilion::central
