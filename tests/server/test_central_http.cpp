// HTTP behaviour of the real server (PROTOCOL.md §2, §3.4 step 1, §7): routes, size limits before
// the body is read, Content-Encoding, JSON and Date on every reply, concurrent pushes, SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>
#include <QUrl>
#include <cstdlib>
#include <thread>

#include "centralprocess.h"
#include "httpclient.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/pull.h"
#include "sync/protocol/push.h"
#include "testevents.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

// Raw bytes over a plain socket: the only way to send request headers that promise a body and
// then send none (libcurl would send the body it was promised).
QByteArray rawExchange(const QString& baseUrl, const QByteArray& request, int timeoutMs) {
    const QUrl url(baseUrl);
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(url.port()));
    inet_pton(AF_INET, url.host().toLatin1().constData(), &addr.sin_addr);
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    QByteArray reply;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        write(fd, request.constData(), static_cast<size_t>(request.size())) == request.size()) {
        char buffer[4096];
        for (;;) {
            const ssize_t n = read(fd, buffer, sizeof buffer);
            if (n <= 0) break;
            reply.append(buffer, n);
            if (reply.contains("\r\n\r\n") && reply.contains("}}"))
                break;  // headers and error body
        }
    }
    close(fd);
    return reply;
}

class CentralHttp : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(home_.valid());
        secret_ = home_.enrol(QStringLiteral("kiosk-a"));
        ASSERT_TRUE(home_.startServer(&server_));
    }
    void TearDown() override {
        if (server_.running()) {
            EXPECT_EQ(server_.stop(), 0) << server_.log().toStdString();
        }
    }
    SignedClient client() const {
        return SignedClient(server_.baseUrl(), QStringLiteral("kiosk-a"), secret_);
    }
    int eventCount() {
        return static_cast<int>(
            RawDb(home_.dbPath()).integer(QStringLiteral("SELECT COUNT(*) FROM events")));
    }

    CentralHome home_;
    CentralServer server_;
    QByteArray secret_;
};

}  // namespace

TEST_F(CentralHttp, AHugeContentLengthIsRefusedFromTheHeaderAlone) {
    QElapsedTimer timer;
    timer.start();
    const QByteArray reply = rawExchange(server_.baseUrl(),
                                         "POST /v1/events:push HTTP/1.1\r\n"
                                         "Host: 127.0.0.1\r\n"
                                         "Content-Type: application/json; charset=utf-8\r\n"
                                         "Content-Length: 1000000000\r\n"
                                         "\r\n",
                                         5000);
    const qint64 ms = timer.elapsed();
    EXPECT_TRUE(reply.startsWith("HTTP/1.1 413")) << reply.toStdString();
    EXPECT_LT(ms, 3000) << "the server waited for a body it should not read";
    EXPECT_TRUE(reply.toLower().contains("content-type: application/json; charset=utf-8"))
        << reply.toStdString();
    EXPECT_TRUE(reply.contains("\"too-large\"")) << reply.toStdString();
    // Just over the limit counts; the limit itself does not.
    const QByteArray over = rawExchange(
        server_.baseUrl(),
        "POST /v1/events:push HTTP/1.1\r\nHost: x\r\nContent-Length: 4194305\r\n\r\n", 5000);
    EXPECT_TRUE(over.startsWith("HTTP/1.1 413")) << over.toStdString();
}

TEST_F(CentralHttp, AnOversizeBodyIsRefusedWhetherDeclaredOrChunked) {
    QByteArray big(sync::kMaxPushBodyBytes + 1, ' ');
    big.replace(0, 13, "{\"events\":[]}");
    HttpReply r = client().pushBody(big);
    EXPECT_EQ(r.status, 413) << r;
    EXPECT_EQ(r.errorCode(), QStringLiteral("too-large")) << r;
    r = client().postChunked(sync::kPushPath, big);
    EXPECT_EQ(r.status, 413) << r;
    EXPECT_EQ(r.errorCode(), QStringLiteral("too-large")) << r;
    // A chunked body within the limit is read in full (and then needs its signature).
    r = client().postChunked(sync::kPushPath, "{\"events\":[]}");
    EXPECT_EQ(r.status, 401) << r;
    // A push of exactly the limit is read and answered on its merits.
    QByteArray atLimit(sync::kMaxPushBodyBytes, ' ');
    atLimit.replace(0, 13, "{\"events\":[]}");
    r = client().pushBody(atLimit);
    EXPECT_EQ(r.status, 200) << r;
}

TEST_F(CentralHttp, ContentEncodingIsABadRequest) {
    const QByteArray body = sync::encodePushRequest(noteEvents(QStringLiteral("kiosk-a"), 1, 1));
    QList<QByteArray> headers = client().authHeaders("POST", sync::kPushPath, body);
    headers << "Content-Encoding: gzip";
    const HttpReply r = client().send("POST", sync::kPushPath, body, headers);
    EXPECT_EQ(r.status, 400) << r;
    EXPECT_EQ(r.errorCode(), QStringLiteral("bad-request")) << r;
    EXPECT_TRUE(r.errorMessage().contains(QStringLiteral("Content-Encoding"))) << r;
    EXPECT_EQ(eventCount(), 0);
}

TEST_F(CentralHttp, UnknownPathsAndMethodsAreNotFoundBeforeAuthentication) {
    for (const auto& [method, target] : {std::pair<QByteArray, QByteArray>{"GET", "/"},
                                         {"GET", "/v1/nothing"},
                                         {"GET", "/v2/events"},
                                         {"GET", sync::kPushPath},
                                         {"POST", "/v1/events"},
                                         {"DELETE", "/v1/events"}}) {
        SCOPED_TRACE((method + " " + target).toStdString());
        // Unsigned and signed alike.
        for (const HttpReply& r :
             {client().send(method, target, {}, {}), client().signedRequest(method, target)}) {
            EXPECT_EQ(r.status, 404) << r;
            EXPECT_EQ(r.errorCode(), QStringLiteral("not-found")) << r;
        }
    }
    // Route before size: an unknown path with a huge body is still 404.
    const QByteArray reply = rawExchange(
        server_.baseUrl(),
        "POST /v1/other HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n", 5000);
    EXPECT_TRUE(reply.startsWith("HTTP/1.1 404")) << reply.toStdString();
}

TEST_F(CentralHttp, EveryReplyIsJsonWithADate) {
    const QList<Event> batch = noteEvents(QStringLiteral("kiosk-a"), 1, 1);
    const QList<std::pair<long, HttpReply>> replies = {
        {200, client().push(batch)},
        {200, client().pull(0, 10)},
        {400, client().signedRequest("GET", "/v1/events?x=1")},
        {401, client().send("GET", "/v1/events", {}, {})},
        {403, client().push(noteEvents(QStringLiteral("kiosk-b"), 1, 1))},
        {404, client().send("GET", "/favicon.ico", {}, {})},
        {413, client().push(noteEvents(QStringLiteral("kiosk-a"), 10, 501))},
    };
    for (const auto& [status, r] : replies) {
        SCOPED_TRACE(status);
        EXPECT_EQ(r.status, status) << r;
        EXPECT_EQ(r.header("content-type"), QByteArray(sync::kJsonContentType)) << r;
        const QByteArray date = r.header("date");
        // An HTTP date close to now (libcurl's parser: Qt 6.4's RFC 2822 one refuses "GMT").
        const time_t when = curl_getdate(date.constData(), nullptr);
        EXPECT_LT(std::abs(static_cast<qint64>(when) - QDateTime::currentSecsSinceEpoch()), 60)
            << "Date: " << date.toStdString();
        if (status != 200) {
            EXPECT_FALSE(r.errorCode().startsWith(u'(')) << r;
            EXPECT_FALSE(r.errorMessage().isEmpty()) << r;
        }
    }
}

TEST_F(CentralHttp, ConcurrentPushesFromSeveralDevicesAreAllStoredInOneOrder) {
    constexpr int kDevices = 4;
    constexpr int kBatches = 8;
    constexpr int kPerBatch = 10;
    QList<QByteArray> secrets;
    for (int d = 1; d < kDevices; ++d) secrets << home_.enrol(QStringLiteral("kiosk-%1").arg(d));
    secrets.prepend(secret_);
    const QString deviceA = QStringLiteral("kiosk-a");
    std::vector<QList<sync::PushResult>> results(kDevices);
    std::vector<std::thread> threads;
    for (int d = 0; d < kDevices; ++d) {
        threads.emplace_back([&, d] {
            const QString device = d == 0 ? deviceA : QStringLiteral("kiosk-%1").arg(d);
            SignedClient c(server_.baseUrl(), device, secrets.at(d));
            for (int b = 0; b < kBatches; ++b) {
                const QList<Event> batch = noteEvents(device, 1 + b * kPerBatch, kPerBatch);
                const HttpReply r = c.push(batch);
                sync::PushReply reply;
                QString error;
                if (r.status == 200 && sync::decodePushReply(r.body, batch, &reply, &error))
                    results[d] << reply.results;
            }
        });
    }
    for (std::thread& t : threads) t.join();
    QSet<qint64> seqs;
    for (const auto& list : results) {
        EXPECT_EQ(list.size(), kBatches * kPerBatch);
        for (const sync::PushResult& r : list) {
            EXPECT_EQ(r.status, sync::PushStatus::Stored);
            seqs.insert(r.serverSeq);
        }
    }
    EXPECT_EQ(seqs.size(), kDevices * kBatches * kPerBatch) << "a serverSeq was given twice";
    EXPECT_EQ(eventCount(), kDevices * kBatches * kPerBatch);
}

TEST_F(CentralHttp, SigtermStopsCleanly) {
    const QList<Event> batch = noteEvents(QStringLiteral("kiosk-a"), 1, 3);
    EXPECT_EQ(readPushReply(client().push(batch), batch).results.size(), 3);
    EXPECT_EQ(server_.stop(), 0) << server_.log().toStdString();
    EXPECT_FALSE(server_.running());
    RawDb db(home_.dbPath());
    EXPECT_EQ(db.text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}
