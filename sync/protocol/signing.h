#pragma once
// Request signing (PROTOCOL.md "Device authentication"): HMAC-SHA256 with the device's secret over
//   METHOD \n PATH-with-query \n TIMESTAMP \n NONCE \n hex SHA-256 of the body
// All digests, nonces and secrets are lowercase hex text.
#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

namespace pavilion::sync {

// Lowercase hex SHA-256 of the body (of the empty string when there is no body): 64 characters.
QByteArray bodyHash(const QByteArray& body);

// The exact bytes that are signed. Exposed so a failing signature can be logged and compared.
QByteArray stringToSign(const QByteArray& method, const QByteArray& pathAndQuery, qint64 timestamp,
                        const QByteArray& nonce, const QByteArray& body);

// Lowercase hex HMAC-SHA256(secret, stringToSign(...)): 64 characters.
QByteArray signature(const QByteArray& secret, const QByteArray& method,
                     const QByteArray& pathAndQuery, qint64 timestamp, const QByteArray& nonce,
                     const QByteArray& body);

// True when `presented` is exactly the lowercase hex signature. The comparison of the digests takes
// the same time wherever they differ; a presented value of the wrong length or with characters
// other than 0-9a-f is refused.
bool verifySignature(const QByteArray& secret, const QByteArray& method,
                     const QByteArray& pathAndQuery, qint64 timestamp, const QByteArray& nonce,
                     const QByteArray& body, const QByteArray& presented);

// 32 lowercase hex characters (128 bits) from OpenSSL's CSPRNG. Throws std::runtime_error if the
// generator fails (never silently falls back to a weaker source).
QByteArray newNonce();
bool isWellFormedNonce(QByteArrayView nonce);

// A new device secret for enrolment: 64 lowercase hex characters (256 bits) from the CSPRNG. The
// HMAC key is these 64 characters as ASCII bytes, not their decoded value (PROTOCOL.md).
QByteArray newDeviceSecret();
bool isWellFormedDeviceSecret(QByteArrayView secret);

// The X-Pavilion-Timestamp header: Unix seconds in decimal, digits only, no sign, no leading zero,
// so the text and the number map one to one. False for anything else.
bool parseTimestamp(QByteArrayView text, qint64* out);
QByteArray formatTimestamp(qint64 unixSeconds);
// |timestamp - now| <= kMaxClockSkewSeconds.
bool isFresh(qint64 timestamp, qint64 nowUnixSeconds);

}  // namespace pavilion::sync
