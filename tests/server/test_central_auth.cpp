// Device authentication (PROTOCOL.md §3.4) against the real server: every refusal, in order.
#include <gtest/gtest.h>

#include <QDateTime>

#include "centralprocess.h"
#include "httpclient.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/pull.h"
#include "sync/protocol/push.h"
#include "sync/protocol/signing.h"
#include "testevents.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

QList<QByteArray> without(QList<QByteArray> headers, const char* name) {
    headers.removeIf([name](const QByteArray& h) { return h.startsWith(QByteArray(name) + ':'); });
    return headers;
}

QList<QByteArray> replaced(const QList<QByteArray>& headers, const char* name,
                           const QByteArray& value) {
    return without(headers, name) << QByteArray(name) + ": " + value;
}

QByteArray value(const QList<QByteArray>& headers, const char* name) {
    for (const QByteArray& h : headers)
        if (h.startsWith(QByteArray(name) + ':')) return h.mid(qstrlen(name) + 1).trimmed();
    return {};
}

class CentralAuth : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(home_.valid());
        secret_ = home_.enrol(QStringLiteral("kiosk-a"));
        otherSecret_ = home_.enrol(QStringLiteral("kiosk-b"));
        ASSERT_TRUE(home_.startServer(&server_));
    }
    void TearDown() override {
        if (server_.running()) {
            EXPECT_EQ(server_.stop(), 0) << server_.log().toStdString();
        }
    }
    SignedClient client(const QString& device = QStringLiteral("kiosk-a")) const {
        return SignedClient(server_.baseUrl(), device,
                            device == QLatin1String("kiosk-b") ? otherSecret_ : secret_);
    }
    QByteArray pullTarget() const { return sync::pullPathAndQuery(0, 10); }
    HttpReply pullWith(const QList<QByteArray>& headers) const {
        return client().send("GET", pullTarget(), {}, headers);
    }
    QList<QByteArray> goodPullHeaders(qint64 timestamp = 0, const QByteArray& nonce = {}) const {
        return client().authHeaders("GET", pullTarget(), {}, timestamp, nonce);
    }
    static void expectRefused(const HttpReply& r, long status, const char* code,
                              const char* inMessage = nullptr) {
        EXPECT_EQ(r.status, status) << r;
        EXPECT_EQ(r.errorCode(), QLatin1String(code)) << r;
        if (inMessage) {
            EXPECT_TRUE(r.errorMessage().contains(QLatin1String(inMessage))) << r;
        }
        EXPECT_TRUE(sync::isJsonContentType(r.header("content-type"))) << r;
        EXPECT_FALSE(r.header("date").isEmpty()) << r;
    }

    CentralHome home_;
    CentralServer server_;
    QByteArray secret_;
    QByteArray otherSecret_;
};

}  // namespace

TEST_F(CentralAuth, ASignedRequestIsAccepted) {
    EXPECT_EQ(pullWith(goodPullHeaders()).status, 200);
}

TEST_F(CentralAuth, MissingOrMalformedHeadersAreUnauthorized) {
    for (const char* name : {sync::kHeaderDevice, sync::kHeaderTimestamp, sync::kHeaderNonce,
                             sync::kHeaderSignature}) {
        SCOPED_TRACE(name);
        expectRefused(pullWith(without(goodPullHeaders(), name)), 401, "unauthorized", name);
    }
    const QList<QByteArray> good = goodPullHeaders();
    expectRefused(
        pullWith(replaced(good, sync::kHeaderNonce, value(good, sync::kHeaderNonce).toUpper())),
        401, "unauthorized", sync::kHeaderNonce);
    expectRefused(
        pullWith(replaced(good, sync::kHeaderTimestamp, "0" + value(good, sync::kHeaderTimestamp))),
        401, "unauthorized", sync::kHeaderTimestamp);
    expectRefused(pullWith(replaced(good, sync::kHeaderSignature,
                                    value(good, sync::kHeaderSignature).toUpper())),
                  401, "unauthorized", sync::kHeaderSignature);
    expectRefused(pullWith(replaced(good, sync::kHeaderDevice, "Kiosk-A")), 401, "unauthorized",
                  sync::kHeaderDevice);
    // The well-formed original still works: none of these spent its nonce.
    EXPECT_EQ(pullWith(good).status, 200);
}

TEST_F(CentralAuth, UnknownDeviceIsUnauthorized) {
    SignedClient stranger(server_.baseUrl(), QStringLiteral("kiosk-z"), sync::newDeviceSecret());
    expectRefused(stranger.pull(0, 10), 401, "unauthorized", "kiosk-z");
    // Checked before the clock: an unknown device learns nothing about freshness.
    const QByteArray target = pullTarget();
    expectRefused(stranger.send("GET", target, {},
                                stranger.authHeaders("GET", target, {},
                                                     QDateTime::currentSecsSinceEpoch() - 4000)),
                  401, "unauthorized");
}

TEST_F(CentralAuth, StaleTimestampsAreRefusedBothWaysWithTheOffset) {
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    HttpReply r = pullWith(goodPullHeaders(now - 900));
    expectRefused(r, 401, "stale", "behind");
    EXPECT_TRUE(r.errorMessage().contains(QStringLiteral("15 minutes"))) << r;
    r = pullWith(goodPullHeaders(now + 900));
    expectRefused(r, 401, "stale", "ahead");
    EXPECT_TRUE(r.errorMessage().contains(QStringLiteral("15 minutes"))) << r;
    // Inside the window either way is fine.
    EXPECT_EQ(pullWith(goodPullHeaders(now - 200)).status, 200);
    EXPECT_EQ(pullWith(goodPullHeaders(now + 200)).status, 200);
    // Freshness comes before the signature.
    const QList<QByteArray> stale = goodPullHeaders(now - 900);
    expectRefused(pullWith(replaced(stale, sync::kHeaderSignature, QByteArray(64, 'a'))), 401,
                  "stale");
}

TEST_F(CentralAuth, AWrongSignatureIsUnauthorizedWithoutSayingWhy) {
    const QByteArray target = pullTarget();
    // Another device's secret.
    SignedClient impostor(server_.baseUrl(), QStringLiteral("kiosk-a"), otherSecret_);
    expectRefused(impostor.pull(0, 10), 401, "unauthorized", "signature");
    // Signed for another request-target.
    expectRefused(client().send("GET", target, {},
                                client().authHeaders("GET", sync::pullPathAndQuery(0, 11), {})),
                  401, "unauthorized", "signature");
    // A body changed after signing.
    const QByteArray body = sync::encodePushRequest(noteEvents(QStringLiteral("kiosk-a"), 1, 1));
    const QByteArray tampered =
        sync::encodePushRequest(noteEvents(QStringLiteral("kiosk-a"), 1, 1));
    expectRefused(client().send("POST", sync::kPushPath, tampered,
                                client().authHeaders("POST", sync::kPushPath, body)),
                  401, "unauthorized", "signature");
    // Signed as GET, sent as POST.
    expectRefused(client().send("POST", sync::kPushPath, body,
                                client().authHeaders("GET", sync::kPushPath, body)),
                  401, "unauthorized");
}

TEST_F(CentralAuth, RevokedDeviceIsForbiddenAfterItsLastGoodRequest) {
    const QList<Event> batch = noteEvents(QStringLiteral("kiosk-a"), 1, 2);
    readPushReply(client().push(batch), batch);
    const CommandResult revoke = home_.command(
        {QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("kiosk-a")});
    ASSERT_EQ(revoke.exit, 0) << revoke;

    expectRefused(client().pull(0, 10), 403, "forbidden", "revoked");
    const QList<Event> more = noteEvents(QStringLiteral("kiosk-a"), 3, 1);
    expectRefused(client().push(more), 403, "forbidden");
    // Only the device itself learns it is revoked: a wrong signature is just unauthorized.
    SignedClient impostor(server_.baseUrl(), QStringLiteral("kiosk-a"), otherSecret_);
    expectRefused(impostor.pull(0, 10), 401, "unauthorized");
    // Its events stay; other devices go on.
    const sync::PullPage page = readPullReply(client(QStringLiteral("kiosk-b")).pull(0, 10), 0, 10);
    EXPECT_EQ(page.events.size(), 2);
}

TEST_F(CentralAuth, AReplayedNonceIsRefused) {
    const QList<QByteArray> headers = goodPullHeaders();
    EXPECT_EQ(pullWith(headers).status, 200);
    expectRefused(pullWith(headers), 401, "replay");
    // Same nonce, new timestamp and signature: still the same nonce.
    const QByteArray nonce = value(headers, sync::kHeaderNonce);
    expectRefused(pullWith(goodPullHeaders(QDateTime::currentSecsSinceEpoch() - 5, nonce)), 401,
                  "replay");
    // Nonces are per device.
    const QByteArray target = pullTarget();
    EXPECT_EQ(client(QStringLiteral("kiosk-b"))
                  .send("GET", target, {},
                        client(QStringLiteral("kiosk-b")).authHeaders("GET", target, {}, 0, nonce))
                  .status,
              200);
}

TEST_F(CentralAuth, OnlyVerifiedRequestsSpendANonceAndABadBodyStillSpendsIt) {
    const QByteArray nonce = sync::newNonce();
    // A wrong signature with this nonce does not burn it for the real device.
    expectRefused(
        pullWith(replaced(goodPullHeaders(0, nonce), sync::kHeaderSignature, QByteArray(64, '0'))),
        401, "unauthorized");
    EXPECT_EQ(pullWith(goodPullHeaders(0, nonce)).status, 200);

    // A signed request with a bad body is refused for its body, and its nonce is spent.
    const QByteArray body = "{not json";
    const QByteArray nonce2 = sync::newNonce();
    HttpReply r = client().send("POST", sync::kPushPath, body,
                                client().authHeaders("POST", sync::kPushPath, body, 0, nonce2));
    expectRefused(r, 400, "bad-request");
    const QByteArray good = sync::encodePushRequest(noteEvents(QStringLiteral("kiosk-a"), 1, 1));
    r = client().send("POST", sync::kPushPath, good,
                      client().authHeaders("POST", sync::kPushPath, good, 0, nonce2));
    expectRefused(r, 401, "replay");
}

TEST_F(CentralAuth, AReplayedNonceIsStillRefusedAfterARestart) {
    const QList<QByteArray> headers = goodPullHeaders();
    ASSERT_EQ(pullWith(headers).status, 200);
    ASSERT_EQ(server_.stop(), 0) << server_.log().toStdString();

    CentralServer again;
    ASSERT_TRUE(home_.startServer(&again));
    const HttpReply r = SignedClient(again.baseUrl(), QStringLiteral("kiosk-a"), secret_)
                            .send("GET", pullTarget(), {}, headers);
    expectRefused(r, 401, "replay");
    EXPECT_EQ(again.stop(), 0) << again.log().toStdString();
}

TEST_F(CentralAuth, TheLogNamesRequestsButNeverSecretsOrBodies) {
    const QList<Event> batch{
        noteEvent(QStringLiteral("kiosk-a"), 1, QStringLiteral("resident's private words"))};
    readPushReply(client().push(batch), batch);
    ASSERT_EQ(server_.stop(), 0);
    const QString log = server_.log();
    EXPECT_TRUE(log.contains(QStringLiteral("POST /v1/events:push device=kiosk-a status=200")))
        << log.toStdString();
    EXPECT_FALSE(log.contains(QString::fromLatin1(secret_))) << log.toStdString();
    EXPECT_FALSE(log.contains(QStringLiteral("private words"))) << log.toStdString();
}
