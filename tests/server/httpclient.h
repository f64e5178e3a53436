#pragma once
// A terminal's side of the wire for the tests: libcurl easy handles, requests signed with the
// protocol codec (sync/protocol/signing.h), replies kept as raw bytes and headers.
#include <curl/curl.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <ostream>

#include "core/event.h"
#include "sync/protocol/errors.h"

namespace pavilion::testing {

struct HttpReply {
    CURLcode curlCode = CURLE_OK;
    QString curlError;
    long status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;  // lower-case names

    QByteArray header(const char* lowerName) const { return headers.value(lowerName); }
    // The "code" of an error reply, or "(not an error reply: …)".
    QString errorCode() const;
    QString errorMessage() const;
};
std::ostream& operator<<(std::ostream& os, const HttpReply& r);

class SignedClient {
public:
    SignedClient(QString baseUrl, QString device, QByteArray secret);

    void setCaFile(const QString& path) { caFile_ = path; }
    QString device() const { return device_; }

    // The four X-Pavilion-* header lines for this request, signed now (or at `timestamp`).
    QList<QByteArray> authHeaders(const QByteArray& method, const QByteArray& target,
                                  const QByteArray& body, qint64 timestamp = 0,
                                  QByteArray nonce = {}) const;
    // Sends exactly this: method, request-target, body and header lines ("Name: value"). A POST
    // also gets the JSON Content-Type unless the lines have one.
    HttpReply send(const QByteArray& method, const QByteArray& target, const QByteArray& body,
                   const QList<QByteArray>& headers) const;
    // A POST whose body goes as chunked transfer encoding (no Content-Length), unsigned.
    HttpReply postChunked(const QByteArray& target, const QByteArray& body) const;
    HttpReply signedRequest(const QByteArray& method, const QByteArray& target,
                            const QByteArray& body = {}) const;

    HttpReply push(const QList<Event>& events) const;
    HttpReply pushBody(const QByteArray& body) const;
    HttpReply pull(qint64 after, int limit) const;

private:
    QString baseUrl_;
    QString device_;
    QByteArray secret_;
    QString caFile_;
};

}  // namespace pavilion::testing
