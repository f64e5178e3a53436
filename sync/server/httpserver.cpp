#include "sync/server/httpserver.h"

#include <microhttpd.h>

#include <QDateTime>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <limits>
#include <optional>

#include "sync/protocol/protocol.h"
#include "sync/server/handlers.h"
#include "sync/server/serverlog.h"

namespace pavilion::central {

struct HttpServer::Exchange {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    QByteArray target;  // the raw request-target, with its query
    QByteArray body;
    bool checked = false;    // preflight done
    bool overLimit = false;  // a chunked body grew past the limit; the rest is discarded
    qint64 discarded = 0;
    bool answered = false;
};

namespace {

// Once a chunked body is over the limit it is read and dropped so the 413 can be sent; a client
// that keeps sending long after that is cut off instead.
constexpr qint64 kMaxDiscardedBytes = 4 * sync::kMaxPushBodyBytes;
// The idle timeout does not stop a client that trickles a byte now and then; a body that takes
// longer than this (4 MiB at 35 KB/s) is cut off. MHD 0.9.75 has no such limit of its own.
constexpr auto kMaxBodySeconds = std::chrono::seconds(120);

QByteArray header(MHD_Connection* c, const char* name) {
    const char* value = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
    return value ? QByteArray(value) : QByteArray();
}

// Content-Length as a number; a value too long to be a number counts as over any limit.
std::optional<qint64> contentLength(MHD_Connection* c) {
    const QByteArray text = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH).trimmed();
    if (text.isEmpty()) return std::nullopt;
    if (text.size() > 15) return std::numeric_limits<qint64>::max();
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(n) : std::nullopt;  // MHD refuses a malformed one itself
}

// Request-target and device as they may appear in the log: printable ASCII, cut short.
QString printable(const QByteArray& bytes, qsizetype max) {
    QString out;
    for (const char c : bytes.left(max)) out += (c >= 0x20 && c < 0x7f) ? QChar(c) : QChar(u'?');
    if (bytes.size() > max) out += QStringLiteral("…");
    return out;
}

void* onUri(void*, const char* uri, MHD_Connection*) {
    auto* exchange = new HttpServer::Exchange;
    exchange->target = QByteArray(uri);
    return exchange;
}

void onCompleted(void*, MHD_Connection*, void** context, MHD_RequestTerminationCode) {
    delete static_cast<HttpServer::Exchange*>(*context);
    *context = nullptr;
}

MHD_Result onAccess(void* server, MHD_Connection* connection, const char* url, const char* method,
                    const char*, const char* uploadData, size_t* uploadSize, void** context) {
    auto* exchange = static_cast<HttpServer::Exchange*>(*context);
    if (!exchange) {  // not expected: onUri makes it
        exchange = new HttpServer::Exchange;
        exchange->target = QByteArray(url);
        *context = exchange;
    }
    return static_cast<HttpServer*>(server)->onRequest(connection, exchange, method, uploadData,
                                                       uploadSize) != 0
               ? MHD_YES
               : MHD_NO;
}

void onMhdLog(void*, const char* format, va_list args) {
    char text[512];
    std::vsnprintf(text, sizeof text, format, args);
    logLine(QString::fromLocal8Bit(text).trimmed());
}

MHD_Result send(MHD_Connection* c, HttpServer::Exchange* exchange, const char* method,
                const Reply& reply) {
    MHD_Response* response = MHD_create_response_from_buffer(
        static_cast<size_t>(reply.body.size()), const_cast<char*>(reply.body.constData()),
        MHD_RESPMEM_MUST_COPY);
    if (!response) return MHD_NO;
    // MHD adds Date itself (it is not built with MHD_USE_SUPPRESS_DATE_NO_CLOCK here).
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, sync::kJsonContentType);
    if (reply.retryAfterSeconds > 0)
        MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER,
                                QByteArray::number(reply.retryAfterSeconds).constData());
    const MHD_Result queued = MHD_queue_response(c, static_cast<unsigned>(reply.status), response);
    MHD_destroy_response(response);
    if (queued == MHD_YES) {
        exchange->answered = true;
        const QByteArray device = header(c, sync::kHeaderDevice);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - exchange->started)
                            .count();
        logLine(QStringLiteral("%1 %2 device=%3 status=%4 %5ms")
                    .arg(printable(method, 16), printable(exchange->target, 200),
                         device.isEmpty() ? QStringLiteral("-") : printable(device, 63))
                    .arg(reply.status)
                    .arg(ms));
    }
    return queued;
}

}  // namespace

int HttpServer::onRequest(void* connectionPointer, Exchange* exchange, const char* method,
                          const char* uploadData, size_t* uploadSize) {
    auto* c = static_cast<MHD_Connection*>(connectionPointer);
    if (!exchange->checked) {
        // First call: the headers are in, none of the body is read yet.
        exchange->checked = true;
        if (const auto refusal = preflight(method, exchange->target, contentLength(c)))
            return send(c, exchange, method, *refusal);
        return MHD_YES;
    }
    if (*uploadSize > 0) {
        const auto size = static_cast<qsizetype>(*uploadSize);
        *uploadSize = 0;
        if (exchange->answered) return MHD_YES;
        if (std::chrono::steady_clock::now() - exchange->started > kMaxBodySeconds) {
            logLine(QStringLiteral("%1 %2: the body took longer than %3 s; connection closed")
                        .arg(printable(method, 16), printable(exchange->target, 200))
                        .arg(kMaxBodySeconds.count()));
            return MHD_NO;
        }
        if (!exchange->overLimit && exchange->body.size() + size > sync::kMaxPushBodyBytes) {
            exchange->overLimit = true;
            exchange->body = QByteArray();
        }
        if (exchange->overLimit) {
            exchange->discarded += size;
            return exchange->discarded > kMaxDiscardedBytes ? MHD_NO : MHD_YES;
        }
        exchange->body.append(uploadData, size);
        return MHD_YES;
    }
    if (exchange->answered) return MHD_YES;
    if (exchange->overLimit) return send(c, exchange, method, bodyTooLarge());

    Request request;
    request.method = QByteArray(method);
    request.target = exchange->target;
    request.auth = {header(c, sync::kHeaderDevice), header(c, sync::kHeaderTimestamp),
                    header(c, sync::kHeaderNonce), header(c, sync::kHeaderSignature)};
    request.contentEncoding = header(c, MHD_HTTP_HEADER_CONTENT_ENCODING);
    request.body = std::move(exchange->body);
    return send(c, exchange, method, handle(store_, request, QDateTime::currentDateTimeUtc()));
}

HttpServer::~HttpServer() {
    stop();
}

bool HttpServer::start(const Config& config, QString* error) {
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (config.ipv6) flags |= MHD_USE_IPv6;
    const bool tls = !config.tlsCertPem.isEmpty();
    if (tls) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            *error = QStringLiteral("this libmicrohttpd was built without TLS support");
            return false;
        }
        flags |= MHD_USE_TLS;
        // MHD wants NUL-terminated PEM; QByteArray::constData() is.
        certPem_ = config.tlsCertPem;
        keyPem_ = config.tlsKeyPem;
    }
    MHD_OptionItem tlsOptions[] = {
        {tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0,
         const_cast<char*>(certPem_.constData())},
        {tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0,
         const_cast<char*>(keyPem_.constData())},
        {MHD_OPTION_END, 0, nullptr},
    };
    daemon_ = MHD_start_daemon(
        flags, 0, nullptr, nullptr, &onAccess, this, MHD_OPTION_EXTERNAL_LOGGER, &onMhdLog,
        nullptr,  // first, so it sees every message
        MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(config.listenSocket),
        MHD_OPTION_THREAD_POOL_SIZE, config.threads, MHD_OPTION_CONNECTION_LIMIT,
        config.connectionLimit, MHD_OPTION_CONNECTION_TIMEOUT, config.idleTimeoutSeconds,
        MHD_OPTION_URI_LOG_CALLBACK, &onUri, nullptr, MHD_OPTION_NOTIFY_COMPLETED, &onCompleted,
        nullptr, MHD_OPTION_ARRAY, tlsOptions, MHD_OPTION_END);
    if (!daemon_) {
        *error = tls ? QStringLiteral(
                           "the HTTPS server did not start; check that the certificate "
                           "and key are PEM files that belong together")
                     : QStringLiteral("the HTTP server did not start");
        return false;
    }
    return true;
}

void HttpServer::stop() {
    if (daemon_) MHD_stop_daemon(daemon_);
    daemon_ = nullptr;
}

}  // namespace pavilion::central
