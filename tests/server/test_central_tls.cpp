// HTTPS: a certificate made here with the openssl CLI; a client that trusts it gets through, one
// that does not fails before anything is sent.
#include <gtest/gtest.h>

#include <QProcess>
#include <QStandardPaths>

#include "centralprocess.h"
#include "httpclient.h"
#include "testevents.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

// A self-signed certificate for 127.0.0.1 and localhost; false (with openssl's words) if it fails.
bool makeCertificate(const QString& cert, const QString& key, QString* error) {
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("the openssl command is not installed");
        return false;
    }
    QProcess p;
    p.start(openssl,
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
             QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
             QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
             QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    return true;
}

}  // namespace

TEST(CentralTls, ServesHttpsToAClientThatTrustsTheCertificateOnly) {
    CentralHome home;
    ASSERT_TRUE(home.valid());
    const QString cert = home.path(QStringLiteral("server.pem"));
    const QString key = home.path(QStringLiteral("server.key"));
    QString error;
    ASSERT_TRUE(makeCertificate(cert, key, &error)) << error.toStdString();
    const QByteArray secret = home.enrol(QStringLiteral("kiosk-a"));

    CentralServer server;
    ASSERT_TRUE(home.startServer(
        &server, {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}));
    ASSERT_TRUE(server.baseUrl().startsWith(QStringLiteral("https://127.0.0.1:")))
        << server.baseUrl().toStdString();

    SignedClient trusting(server.baseUrl(), QStringLiteral("kiosk-a"), secret);
    trusting.setCaFile(cert);
    const QList<Event> batch = noteEvents(QStringLiteral("kiosk-a"), 1, 2);
    const sync::PushReply reply = readPushReply(trusting.push(batch), batch);
    EXPECT_EQ(reply.results.size(), 2);
    EXPECT_EQ(readPullReply(trusting.pull(0, 10), 0, 10).events.size(), 2);

    SignedClient untrusting(server.baseUrl(), QStringLiteral("kiosk-a"), secret);
    const QList<Event> more = noteEvents(QStringLiteral("kiosk-a"), 3, 1);
    const HttpReply refused = untrusting.push(more);
    EXPECT_EQ(refused.status, 0) << refused;
    EXPECT_EQ(refused.curlCode, CURLE_PEER_FAILED_VERIFICATION) << refused;
    // Plain HTTP to the TLS port gets nothing useful either.
    SignedClient plain(
        QString(server.baseUrl()).replace(QStringLiteral("https://"), QStringLiteral("http://")),
        QStringLiteral("kiosk-a"), secret);
    EXPECT_NE(plain.push(more).status, 200);

    EXPECT_EQ(server.stop(), 0) << server.log().toStdString();
    RawDb db(home.dbPath());
    EXPECT_EQ(db.integer(QStringLiteral("SELECT COUNT(*) FROM events")), 2);
}

TEST(CentralTls, ANonLoopbackAddressIsServedWithTls) {
    CentralHome home;
    ASSERT_TRUE(home.valid());
    const QString cert = home.path(QStringLiteral("server.pem"));
    const QString key = home.path(QStringLiteral("server.key"));
    QString error;
    ASSERT_TRUE(makeCertificate(cert, key, &error)) << error.toStdString();
    CentralServer server;
    ASSERT_TRUE(server.start(
        {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"), QStringLiteral("--db"),
         home.dbSpec(), QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key},
        home.path(QStringLiteral("server.log")), &error))
        << error.toStdString();
    EXPECT_TRUE(server.baseUrl().startsWith(QStringLiteral("https://0.0.0.0:")))
        << server.baseUrl().toStdString();
    EXPECT_EQ(server.stop(), 0) << server.log().toStdString();

    // A key that does not belong to the certificate is refused at start.
    const QString otherCert = home.path(QStringLiteral("other.pem"));
    const QString otherKey = home.path(QStringLiteral("other.key"));
    ASSERT_TRUE(makeCertificate(otherCert, otherKey, &error)) << error.toStdString();
    const CommandResult r = runCentral(
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"),
         home.dbSpec(), QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), otherKey},
        20000);
    EXPECT_EQ(r.exit, 5) << r;
}
