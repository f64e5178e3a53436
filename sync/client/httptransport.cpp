#include "sync/client/httptransport.h"

#include <curl/curl.h>

#include <mutex>

#include "sync/protocol/protocol.h"

namespace pavilion::sync {

namespace {

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Receiver {
    HttpReply reply;
    bool tooLarge = false;
};

size_t onBody(char* data, size_t size, size_t n, void* user) {
    auto* r = static_cast<Receiver*>(user);
    const size_t len = size * n;
    if (r->reply.body.size() + qsizetype(len) > kMaxReplyBodyBytes) {
        r->tooLarge = true;
        return 0;  // makes curl stop reading: the rest of a hostile body never enters memory
    }
    r->reply.body.append(data, qsizetype(len));
    return len;
}

size_t onHeader(char* data, size_t size, size_t n, void* user) {
    auto* r = static_cast<Receiver*>(user);
    const size_t len = size * n;
    const QByteArray line = QByteArray(data, qsizetype(len)).trimmed();
    if (line.startsWith("HTTP/")) {  // a new response (after a 1xx): forget the previous headers
        r->reply.contentType.clear();
        r->reply.date.clear();
        r->reply.retryAfter.clear();
        return len;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) return len;
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name == "content-type") r->reply.contentType = value;
    else if (name == "date") r->reply.date = value;
    else if (name == "retry-after") r->reply.retryAfter = value;
    return len;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

TransportFailure classify(CURLcode rc, bool tooLarge) {
    if (tooLarge) return TransportFailure::ReplyTooLarge;
    switch (rc) {
        case CURLE_OK: return TransportFailure::None;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT: return TransportFailure::CannotConnect;
        case CURLE_OPERATION_TIMEDOUT: return TransportFailure::Timeout;
        case CURLE_FILESIZE_EXCEEDED: return TransportFailure::ReplyTooLarge;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_CRL_BADFILE: return TransportFailure::Tls;
        default: return TransportFailure::Broken;
    }
}

QString describe(TransportFailure f, const ServerOrigin& origin, const char* detail) {
    const QString where = origin.text();
    QString what;
    switch (f) {
        case TransportFailure::None: return {};
        case TransportFailure::CannotConnect: what = QStringLiteral("cannot reach the server %1").arg(where); break;
        case TransportFailure::Timeout: what = QStringLiteral("the server %1 did not answer in time").arg(where); break;
        case TransportFailure::Tls:
            what = QStringLiteral("the server %1 could not prove it is ours (certificate or key pin); nothing was sent").arg(where);
            break;
        case TransportFailure::ReplyTooLarge:
            what = QStringLiteral("the server %1 sent a reply larger than %2 MiB; it was not read")
                       .arg(where)
                       .arg(kMaxReplyBodyBytes / (1024 * 1024));
            break;
        case TransportFailure::Broken: what = QStringLiteral("the connection to %1 broke off").arg(where); break;
    }
    if (detail && *detail) what += QStringLiteral(" (%1)").arg(QString::fromUtf8(detail).trimmed());
    return what;
}

}  // namespace

struct HttpTransport::Handle {
    CURL* curl = nullptr;
    ~Handle() {
        if (curl) curl_easy_cleanup(curl);
    }
};

HttpTransport::HttpTransport(TransportSettings settings)
    : settings_(std::move(settings)), handle_(std::make_unique<Handle>()) {
    globalInit();
}

HttpTransport::~HttpTransport() = default;

HttpOutcome HttpTransport::send(const QByteArray& method, const QByteArray& pathAndQuery,
                                const QList<QByteArray>& headers, const QByteArray& body) {
    return perform(method, pathAndQuery, headers, body, false);
}

HttpOutcome HttpTransport::probe() { return perform("GET", "/", {}, {}, true); }

HttpOutcome HttpTransport::perform(const QByteArray& method, const QByteArray& pathAndQuery,
                                   const QList<QByteArray>& headers, const QByteArray& body,
                                   bool connectOnly) {
    // The kept handle keeps its connection alive between the requests of a round; a probe uses
    // its own, because a connect-only handle cannot carry requests afterwards.
    Handle probeHandle;
    Handle& h = connectOnly ? probeHandle : *handle_;
    if (!h.curl) h.curl = curl_easy_init();
    else curl_easy_reset(h.curl);
    CURL* c = h.curl;
    HttpOutcome out;
    if (!c) {
        out.failure = TransportFailure::Broken;
        out.message = QStringLiteral("libcurl could not start a transfer (out of memory?)");
        return out;
    }

    const ServerOrigin& o = settings_.origin;
    const QByteArray url = o.text().toUtf8() + pathAndQuery;
    char errbuf[CURL_ERROR_SIZE] = {};
    Receiver rx;
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    // One scheme only, and no redirects: a reply that points elsewhere is not an answer.
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, o.scheme == QLatin1String("https") ? "https" : "http");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // we run on a worker thread
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (!settings_.reuseConnections) curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
    if (cancel_) {
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, cancel_);
    }  // a stray http_proxy must not see signed requests
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(settings_.connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(settings_.totalTimeoutMs));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, long(settings_.stallBytesPerSecond));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, long(settings_.stallSeconds));
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(kMaxReplyBodyBytes));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    const QByteArray caFile = settings_.caFile.toUtf8();
    if (!caFile.isEmpty()) curl_easy_setopt(c, CURLOPT_CAINFO, caFile.constData());
    const QByteArray pin = settings_.pinnedPublicKey.toUtf8();
    if (!pin.isEmpty()) curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, pin.constData());

    curl_slist* list = nullptr;
    if (connectOnly) {
        curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
    } else {
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &rx);
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &rx);
        for (const QByteArray& line : headers) list = curl_slist_append(list, line.constData());
        // No "Expect: 100-continue" round trip, and no compression (PROTOCOL.md §2).
        list = curl_slist_append(list, "Expect:");
        list = curl_slist_append(list, "Accept: application/json");
        if (method == "POST") {
            list = curl_slist_append(list, (QByteArray("Content-Type: ") + kJsonContentType).constData());
            curl_easy_setopt(c, CURLOPT_POST, 1L);
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.constData());
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
        } else if (method != "GET") {
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.constData());
        }
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    }

    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(list);
    out.failure = classify(rc, rx.tooLarge);
    if (!out.ok()) {
        out.message = describe(out.failure, o, rx.tooLarge ? nullptr : errbuf);
        return out;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out.reply = std::move(rx.reply);
    out.reply.status = int(status);
    return out;
}

}  // namespace pavilion::sync
