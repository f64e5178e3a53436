// The terminal's sync client over HTTPS against the real pavilion-central (PROTOCOL.md §2): a
// private CA and a server certificate for 127.0.0.1 made here with the openssl CLI. The right CA
// (and the right key pin) gets through; an unrelated CA or a wrong pin fails before anything is
// sent: no request line in the server's log, no nonce or event in its database.
#include <gtest/gtest.h>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "syncfixture.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

const QString kPavilion = QStringLiteral("yayuan-pavilion-shuxiang");
const QString kMeeting = QStringLiteral("yayuan-meeting-room");

const char kOpensslConfig[] = R"(
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
)";

// Runs a program to completion; false with its stderr when it fails.
bool run(const QString& program, const QStringList& args, QByteArray* out, QString* error) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = program + u' ' + args.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    if (out) *out = p.readAllStandardOutput();
    return true;
}

// Made once for the whole suite: two CAs, a server certificate from the first, the pins.
struct Pki {
    QTemporaryDir dir;
    QString ca, otherCa, cert, key;
    QString pin, otherPin;  // "sha256//…" of the server's key and of the other CA's key
    QString error;

    QString path(const char* name) const { return dir.filePath(QString::fromLatin1(name)); }

    bool make() {
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty()) {
            error = QStringLiteral("the openssl command is not installed");
            return false;
        }
        const QString cnf = path("openssl.cnf");
        QFile f(cnf);
        if (!f.open(QIODevice::WriteOnly) || f.write(kOpensslConfig) < 0) return false;
        f.close();
        ca = path("ca.pem");
        otherCa = path("other-ca.pem");
        cert = path("server.pem");
        key = path("server.key");
        auto makeCa = [&](const QString& pem, const QString& caKey, const QString& cn) {
            return run(openssl,
                       {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"), cnf,
                        QStringLiteral("-extensions"), QStringLiteral("ca_ext"), QStringLiteral("-newkey"),
                        QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                        QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=") + cn,
                        QStringLiteral("-keyout"), caKey, QStringLiteral("-out"), pem},
                       nullptr, &error);
        };
        if (!makeCa(ca, path("ca.key"), QStringLiteral("Pavilion Test CA")) ||
            !makeCa(otherCa, path("other-ca.key"), QStringLiteral("Some Other CA")))
            return false;
        if (!run(openssl,
                 {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-config"), cnf,
                  QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                  QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), key,
                  QStringLiteral("-out"), path("server.csr")},
                 nullptr, &error))
            return false;
        if (!run(openssl,
                 {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("server.csr"),
                  QStringLiteral("-CA"), ca, QStringLiteral("-CAkey"), path("ca.key"),
                  QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                  QStringLiteral("-extfile"), cnf, QStringLiteral("-extensions"), QStringLiteral("server_ext"),
                  QStringLiteral("-out"), cert},
                 nullptr, &error))
            return false;
        return pinOf(cert, &pin) && pinOf(otherCa, &otherPin);
    }

    // The pipeline PROTOCOL.md §2 gives, as a facilitator would type it.
    bool pinOf(const QString& pem, QString* out) {
        QByteArray b64;
        if (!run(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral("set -e; openssl x509 -in '%1' -pubkey -noout | openssl pkey -pubin -outform der"
                                 " | openssl dgst -sha256 -binary | openssl enc -base64")
                      .arg(pem)},
                 &b64, &error))
            return false;
        b64 = b64.trimmed();
        if (b64.size() != 44) {
            error = QStringLiteral("unexpected pin: ") + QString::fromLatin1(b64);
            return false;
        }
        *out = QStringLiteral("sha256//") + QString::fromLatin1(b64);
        return true;
    }
};

Pki* pki = nullptr;

class SyncTls : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!pki) {
            pki = new Pki;
            if (!pki->make()) {
                const QString why = pki->error;
                delete pki;
                pki = nullptr;
                FAIL() << "could not make the test PKI: " << why.toStdString();
            }
        }
    }
    static void TearDownTestSuite() {
        delete pki;
        pki = nullptr;
    }
    void SetUp() override {
        ASSERT_NE(pki, nullptr);
        ASSERT_TRUE(home_.valid());
        ASSERT_TRUE(home_.startServer(&server_, {QStringLiteral("--tls-cert"), pki->cert,
                                                 QStringLiteral("--tls-key"), pki->key}));
        ASSERT_TRUE(server_.baseUrl().startsWith(QStringLiteral("https://127.0.0.1:"))) << server_.baseUrl().toStdString();
    }
    std::unique_ptr<TestTerminal> terminal(const QString& id, const QString& role = QStringLiteral("pavilion")) {
        return std::make_unique<TestTerminal>(id, home_.enrol(id, role));
    }
    sync::TransportSettings tls(const QString& caFile, const QString& pin = {}) {
        sync::TransportSettings t = transportFor(server_.baseUrl());
        t.caFile = caFile;
        t.pinnedPublicKey = pin;
        return t;
    }
    QString serverDb() { return home_.dbPath(); }

    void expectDoneAndEqual(TestTerminal& t, const sync::RoundReport& r, int pushed) {
        EXPECT_EQ(r.result, sync::RoundResult::Done) << r.message.toStdString();
        EXPECT_EQ(r.pushed, pushed);
        EXPECT_EQ(t.unsent(), 0);
        EXPECT_EQ(eventIdsIn(t.dbPath()), eventIdsIn(serverDb()));
        EXPECT_EQ(t.projection(), projectionDump(serverDb()));
    }

    // The TLS check failed, and it failed before a byte of the request left the terminal.
    void expectRefusedBeforeSending(TestTerminal& t, const sync::RoundReport& r, qint64 unsent) {
        EXPECT_EQ(r.result, sync::RoundResult::RetryLater) << r.message.toStdString();
        EXPECT_TRUE(r.networkFailure);
        EXPECT_TRUE(r.message.contains(QStringLiteral("could not prove it is ours"))) << r.message.toStdString();
        EXPECT_TRUE(r.message.contains(QStringLiteral("nothing was sent"))) << r.message.toStdString();
        EXPECT_EQ(r.pushed + r.pulled, 0);
        EXPECT_EQ(t.unsent(), unsent);
        EXPECT_EQ(SyncState(t.db(), t.id()).status().lastError, r.message);
        expectNothingFrom(t.id());
    }

    void expectNothingFrom(const QString& device) {
        const QString log = server_.log();
        EXPECT_FALSE(log.contains(QStringLiteral("device=") + device)) << log.toStdString();
        const QByteArray id = device.toLatin1();
        EXPECT_EQ(countRows(serverDb(), ("SELECT COUNT(*) FROM central_nonces WHERE device = '" + id + "'").constData()), 0);
        EXPECT_EQ(countRows(serverDb(), ("SELECT COUNT(*) FROM events WHERE terminal_id = '" + id + "'").constData()), 0);
    }

    // Another terminal that trusts the right CA gets through and is logged: the log does work,
    // so the silence about the first terminal means something.
    void expectTheLogShowsATrustingTerminal() {
        auto meeting = terminal(kMeeting, QStringLiteral("meeting-room"));
        meeting->report(9);
        const sync::RoundReport r = meeting->sync(tls(pki->ca));
        EXPECT_EQ(r.result, sync::RoundResult::Done) << r.message.toStdString();
        EXPECT_TRUE(server_.log().contains(QStringLiteral("POST /v1/events:push device=") + kMeeting))
            << server_.log().toStdString();
    }

    CentralHome home_;
    CentralServer server_;
};

}  // namespace

TEST_F(SyncTls, TheRightCaGetsThrough) {
    auto pavilion = terminal(kPavilion);
    pavilion->report(0);
    pavilion->report(1);
    expectDoneAndEqual(*pavilion, pavilion->sync(tls(pki->ca)), 2);
    EXPECT_TRUE(server_.log().contains(QStringLiteral("POST /v1/events:push device=") + kPavilion));
}

TEST_F(SyncTls, AnUnrelatedCaSendsNothing) {
    auto pavilion = terminal(kPavilion);
    pavilion->report(0);
    pavilion->report(1);
    expectRefusedBeforeSending(*pavilion, pavilion->sync(tls(pki->otherCa)), 2);
    // Without a CA file the system store is used, which has never heard of our CA either.
    expectRefusedBeforeSending(*pavilion, pavilion->sync(tls(QString())), 2);
    expectTheLogShowsATrustingTerminal();
    expectNothingFrom(kPavilion);
    // The same terminal, once it trusts the right CA, loses nothing.
    expectDoneAndEqual(*pavilion, pavilion->sync(tls(pki->ca)), 2);
}

TEST_F(SyncTls, TheRightKeyPinGetsThrough) {
    auto pavilion = terminal(kPavilion);
    pavilion->report(0);
    expectDoneAndEqual(*pavilion, pavilion->sync(tls(pki->ca, pki->pin)), 1);
    // A key rotation: the old and the new pin side by side.
    pavilion->report(1);
    expectDoneAndEqual(*pavilion, pavilion->sync(tls(pki->ca, pki->otherPin + u';' + pki->pin)), 1);
}

TEST_F(SyncTls, AWrongKeyPinSendsNothing) {
    auto pavilion = terminal(kPavilion);
    pavilion->report(0);
    pavilion->report(1);
    // The certificate chain is fine; only the key does not match the pin.
    expectRefusedBeforeSending(*pavilion, pavilion->sync(tls(pki->ca, pki->otherPin)), 2);
    expectRefusedBeforeSending(
        *pavilion, pavilion->sync(tls(pki->ca, QStringLiteral("sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))), 2);
    expectTheLogShowsATrustingTerminal();
    expectNothingFrom(kPavilion);
    expectDoneAndEqual(*pavilion, pavilion->sync(tls(pki->ca, pki->pin)), 2);
}

TEST_F(SyncTls, ProbeChecksTheCertificateAndThePin) {
    {
        sync::HttpTransport t(tls(pki->ca));
        const sync::HttpOutcome o = t.probe();
        EXPECT_TRUE(o.ok()) << o.message.toStdString();
    }
    {
        sync::HttpTransport t(tls(pki->ca, pki->pin));
        const sync::HttpOutcome o = t.probe();
        EXPECT_TRUE(o.ok()) << o.message.toStdString();
    }
    {
        sync::HttpTransport t(tls(pki->otherCa));
        const sync::HttpOutcome o = t.probe();
        EXPECT_EQ(o.failure, sync::TransportFailure::Tls) << o.message.toStdString();
    }
    {
        sync::HttpTransport t(tls(pki->ca, pki->otherPin));
        const sync::HttpOutcome o = t.probe();
        EXPECT_EQ(o.failure, sync::TransportFailure::Tls) << o.message.toStdString();
    }
    EXPECT_FALSE(server_.log().contains(QStringLiteral("/v1/"))) << "a probe sends no request";
}
