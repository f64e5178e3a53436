#include "sync/protocol/signing.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "sync/protocol/protocol.h"

namespace pavilion::sync {

namespace {

constexpr qsizetype kDigestHexChars = 64;

// Hand-written: OpenSSL's and Qt's hex decoders accept upper case and skip bad characters, but
// the protocol has exactly one spelling for each nonce, secret and signature.
bool lowerHex(QByteArrayView text, qsizetype length) {
    if (text.size() != length) return false;
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

QByteArray randomHex(int bytes) {
    QByteArray raw(bytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), bytes) != 1)
        throw std::runtime_error(
            "OpenSSL RAND_bytes failed: no random numbers for the nonce or secret");
    return raw.toHex();  // QByteArray::toHex writes lowercase
}

QByteArray hmacSha256Hex(const QByteArray& key, const QByteArray& message) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    // HMAC() is OpenSSL's one-shot MAC (not deprecated in OpenSSL 3). A NULL key pointer means
    // "no key" to OpenSSL, so an empty secret still passes a valid pointer.
    static const unsigned char kEmpty = 0;
    const unsigned char* keyData =
        key.isEmpty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.constData());
    if (!HMAC(EVP_sha256(), keyData, static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.constData()),
              static_cast<size_t>(message.size()), mac, &macLength))
        throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
    return QByteArray(reinterpret_cast<const char*>(mac), static_cast<qsizetype>(macLength))
        .toHex();
}

}  // namespace

QByteArray bodyHash(const QByteArray& body) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(body.constData(), static_cast<size_t>(body.size()), digest, &length,
                   EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length))
        .toHex();
}

QByteArray stringToSign(const QByteArray& method, const QByteArray& pathAndQuery, qint64 timestamp,
                        const QByteArray& nonce, const QByteArray& body) {
    QByteArray s;
    s.reserve(method.size() + pathAndQuery.size() + nonce.size() + 100);
    s += method;
    s += '\n';
    s += pathAndQuery;
    s += '\n';
    s += formatTimestamp(timestamp);
    s += '\n';
    s += nonce;
    s += '\n';
    s += bodyHash(body);
    return s;
}

QByteArray signature(const QByteArray& secret, const QByteArray& method,
                     const QByteArray& pathAndQuery, qint64 timestamp, const QByteArray& nonce,
                     const QByteArray& body) {
    return hmacSha256Hex(secret, stringToSign(method, pathAndQuery, timestamp, nonce, body));
}

bool verifySignature(const QByteArray& secret, const QByteArray& method,
                     const QByteArray& pathAndQuery, qint64 timestamp, const QByteArray& nonce,
                     const QByteArray& body, const QByteArray& presented) {
    // The length and alphabet of the presented value are not secret; only the comparison of its
    // content against the expected MAC has to be constant time.
    if (!lowerHex(presented, kDigestHexChars)) return false;
    const QByteArray expected = signature(secret, method, pathAndQuery, timestamp, nonce, body);
    return CRYPTO_memcmp(expected.constData(), presented.constData(),
                         static_cast<size_t>(kDigestHexChars)) == 0;
}

QByteArray newNonce() {
    return randomHex(16);
}

bool isWellFormedNonce(QByteArrayView nonce) {
    return lowerHex(nonce, 32);
}

QByteArray newDeviceSecret() {
    return randomHex(32);
}

bool isWellFormedDeviceSecret(QByteArrayView secret) {
    return lowerHex(secret, 64);
}

bool parseTimestamp(QByteArrayView text, qint64* out) {
    // Hand-written: QByteArray::toLongLong accepts a sign, surrounding spaces and (with base 0)
    // other bases; the header must have exactly one spelling per number because it is signed as
    // text. 15 digits reach far past any real clock and cannot overflow.
    if (text.isEmpty() || text.size() > 15) return false;
    if (text.size() > 1 && text.front() == '0') return false;
    qint64 v = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

QByteArray formatTimestamp(qint64 unixSeconds) {
    return QByteArray::number(unixSeconds);
}

bool isFresh(qint64 timestamp, qint64 nowUnixSeconds) {
    if (timestamp < 0 || nowUnixSeconds < 0) return false;  // keeps the subtraction in range
    const qint64 d =
        timestamp > nowUnixSeconds ? timestamp - nowUnixSeconds : nowUnixSeconds - timestamp;
    return d <= kMaxClockSkewSeconds;
}

}  // namespace pavilion::sync
