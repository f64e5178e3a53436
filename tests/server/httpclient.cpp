#include "httpclient.h"

#include <QDateTime>
#include <algorithm>
#include <cstring>

#include "sync/protocol/protocol.h"
#include "sync/protocol/pull.h"
#include "sync/protocol/push.h"
#include "sync/protocol/signing.h"

namespace pavilion::testing {

namespace {

size_t collectBody(char* data, size_t size, size_t count, void* target) {
    static_cast<QByteArray*>(target)->append(data, static_cast<qsizetype>(size * count));
    return size * count;
}

size_t collectHeader(char* data, size_t size, size_t count, void* target) {
    auto* headers = static_cast<QHash<QByteArray, QByteArray>*>(target);
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(size * count)).trimmed();
    if (line.startsWith("HTTP/")) headers->clear();  // a new response (after 100 Continue)
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        headers->insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    return size * count;
}

struct Upload {
    const QByteArray* body;
    qsizetype sent = 0;
};

size_t feedUpload(char* buffer, size_t size, size_t count, void* source) {
    auto* upload = static_cast<Upload*>(source);
    const qsizetype n = std::min<qsizetype>(static_cast<qsizetype>(size * count),
                                            upload->body->size() - upload->sent);
    std::memcpy(buffer, upload->body->constData() + upload->sent, static_cast<size_t>(n));
    upload->sent += n;
    return static_cast<size_t>(n);
}

void initCurlOnce() {
    static const bool done = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)done;
}

}  // namespace

QString HttpReply::errorCode() const {
    sync::ErrorReply e;
    QString why;
    return sync::decodeError(body, &e, &why) ? e.code
                                             : QStringLiteral("(not an error reply: %1)").arg(why);
}

QString HttpReply::errorMessage() const {
    sync::ErrorReply e;
    QString why;
    return sync::decodeError(body, &e, &why) ? e.message : QString();
}

std::ostream& operator<<(std::ostream& os, const HttpReply& r) {
    os << "status " << r.status;
    if (r.curlCode != CURLE_OK)
        os << " curl error " << r.curlCode << ": " << r.curlError.toStdString();
    return os << "\n" << r.body.left(2000).toStdString();
}

SignedClient::SignedClient(QString baseUrl, QString device, QByteArray secret)
    : baseUrl_(std::move(baseUrl)), device_(std::move(device)), secret_(std::move(secret)) {
    initCurlOnce();
}

QList<QByteArray> SignedClient::authHeaders(const QByteArray& method, const QByteArray& target,
                                            const QByteArray& body, qint64 timestamp,
                                            QByteArray nonce) const {
    if (timestamp == 0) timestamp = QDateTime::currentSecsSinceEpoch();
    if (nonce.isEmpty()) nonce = sync::newNonce();
    return {QByteArray(sync::kHeaderDevice) + ": " + device_.toUtf8(),
            QByteArray(sync::kHeaderTimestamp) + ": " + sync::formatTimestamp(timestamp),
            QByteArray(sync::kHeaderNonce) + ": " + nonce,
            QByteArray(sync::kHeaderSignature) + ": " +
                sync::signature(secret_, method, target, timestamp, nonce, body)};
}

HttpReply SignedClient::postChunked(const QByteArray& target, const QByteArray& body) const {
    return send("POST", target, body, {"Transfer-Encoding: chunked"});
}

HttpReply SignedClient::send(const QByteArray& method, const QByteArray& target,
                             const QByteArray& body, const QList<QByteArray>& headers) const {
    HttpReply reply;
    CURL* curl = curl_easy_init();
    if (!curl) {
        reply.curlCode = CURLE_FAILED_INIT;
        return reply;
    }
    char errorText[CURL_ERROR_SIZE] = {};
    const QByteArray url = baseUrl_.toUtf8() + target;
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);  // the target is signed exactly as sent
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collectBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &collectHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
    const QByteArray caFile = caFile_.toUtf8();
    if (!caFile.isEmpty()) curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.constData());

    Upload upload{&body};
    curl_slist* list = nullptr;
    bool hasContentType = false;
    bool chunked = false;
    for (const QByteArray& h : headers) {
        hasContentType = hasContentType || h.toLower().startsWith("content-type:");
        chunked = chunked || h.toLower() == "transfer-encoding: chunked";
        list = curl_slist_append(list, h.constData());
    }
    list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
    if (method == "POST") {
        if (!hasContentType)
            list = curl_slist_append(
                list, (QByteArray("Content-Type: ") + sync::kJsonContentType).constData());
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        if (chunked) {
            // No size: libcurl reads the body from the callback and sends it in chunks.
            curl_easy_setopt(curl, CURLOPT_READFUNCTION, &feedUpload);
            curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
        } else {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(body.size()));
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        }
    } else if (method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.constData());
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

    reply.curlCode = curl_easy_perform(curl);
    reply.curlError = QString::fromUtf8(errorText);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return reply;
}

HttpReply SignedClient::signedRequest(const QByteArray& method, const QByteArray& target,
                                      const QByteArray& body) const {
    return send(method, target, body, authHeaders(method, target, body));
}

HttpReply SignedClient::push(const QList<Event>& events) const {
    return pushBody(sync::encodePushRequest(events));
}

HttpReply SignedClient::pushBody(const QByteArray& body) const {
    return signedRequest("POST", sync::kPushPath, body);
}

HttpReply SignedClient::pull(qint64 after, int limit) const {
    return signedRequest("GET", sync::pullPathAndQuery(after, limit));
}

}  // namespace pavilion::testing
