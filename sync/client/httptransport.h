#pragma once
// One HTTP(S) exchange with the central server through libcurl, with every limit the protocol asks
// of a terminal: timeouts on connect, on a stalled transfer and on the whole request; a reply body
// cap; TLS against the configured CA file and optional key pin (a failed check sends nothing); no
// redirects, no compression, one protocol. Blocking: call it from the sync thread, never the UI's.
#include <QByteArray>
#include <QList>
#include <QString>
#include <atomic>
#include <memory>

#include "core/serverorigin.h"

namespace pavilion::sync {

struct TransportSettings {
    ServerOrigin origin;
    QString caFile;           // PEM bundle; empty: the system store
    QString pinnedPublicKey;  // libcurl's "sha256//…" form; empty: no pin
    int connectTimeoutMs = 10'000;
    int totalTimeoutMs = 60'000;
    // A transfer slower than this many bytes per second for stallSeconds is given up.
    int stallBytesPerSecond = 64;
    int stallSeconds = 15;
    // Keep the connection open between the requests of a round (the default). Tests that inject
    // a fault into every request turn it off so each request meets the fault proxy afresh.
    bool reuseConnections = true;
};

enum class TransportFailure {
    None,
    CannotConnect,  // DNS, refused, unreachable, reset before an answer
    Timeout,        // connect, stall or whole-request timeout
    Tls,            // certificate or pin did not check out: nothing was sent
    ReplyTooLarge,  // the server sent more than the protocol allows
    Broken,         // the exchange broke off (truncated reply, reset mid-way, not HTTP)
};

struct HttpReply {
    int status = 0;
    QByteArray contentType;
    QByteArray date;        // the Date header, to explain a "stale" refusal
    QByteArray retryAfter;  // seconds, on 503
    QByteArray body;
};

struct HttpOutcome {
    TransportFailure failure = TransportFailure::None;
    QString message;  // plain words when failure != None
    HttpReply reply;
    bool ok() const { return failure == TransportFailure::None; }
};

class HttpTransport {
public:
    explicit HttpTransport(TransportSettings settings);
    ~HttpTransport();
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    // `headers` are "Name: value" lines. `body` empty with GET.
    HttpOutcome send(const QByteArray& method, const QByteArray& pathAndQuery,
                     const QList<QByteArray>& headers, const QByteArray& body);
    // Only connects (TCP, and the TLS handshake with its checks), sends no request: cheap enough to
    // run every few seconds while the network is down, to notice at once when it returns.
    HttpOutcome probe();

    const TransportSettings& settings() const { return settings_; }
    // When the flag becomes true, a transfer under way stops within a fraction of a second (the
    // kiosk is shutting down and must not wait for a slow server).
    void setCancelFlag(const std::atomic<bool>* flag) { cancel_ = flag; }

private:
    struct Handle;
    HttpOutcome perform(const QByteArray& method, const QByteArray& pathAndQuery,
                        const QList<QByteArray>& headers, const QByteArray& body, bool connectOnly);

    TransportSettings settings_;
    std::unique_ptr<Handle> handle_;
    const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace pavilion::sync
