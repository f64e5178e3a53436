// pavilion-central's operator commands and start-up refusals, through the real executable.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "centralprocess.h"
#include "httpclient.h"
#include "testevents.h"
#include "testsupport.h"

using namespace pavilion::testing;

namespace {

class CentralCli : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(home_.valid()); }
    CentralHome home_;
};

QStringList lines(const QString& s) {
    return s.split(u'\n', Qt::SkipEmptyParts);
}

// The "sync": {…} snippet of device add, as a JSON object.
QJsonObject syncSnippet(const QString& out) {
    const qsizetype start = out.indexOf(QStringLiteral("\"sync\": {"));
    if (start < 0) return {};
    const qsizetype end = out.indexOf(QStringLiteral("\n}"), start);
    if (end < 0) return {};
    const QString text = u'{' + out.mid(start, end + 2 - start) + u'}';
    return QJsonDocument::fromJson(text.toUtf8()).object().value(QStringLiteral("sync")).toObject();
}

}  // namespace

TEST_F(CentralCli, DeviceAddPrintsCredentialsAndConfigSnippetAndWritesSecretFile) {
    const QString secretFile = home_.path(QStringLiteral("kiosk.secret"));
    const CommandResult r =
        home_.command({QStringLiteral("device"), QStringLiteral("add"),
                       QStringLiteral("yayuan-pavilion-shuxiang"), QStringLiteral("--role"),
                       QStringLiteral("pavilion"), QStringLiteral("--server-url"),
                       QStringLiteral("https://central.example:8443"),
                       QStringLiteral("--secret-file"), secretFile});
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("yayuan-pavilion-shuxiang"))) << r;
    const QByteArray secret = secretFromOutput(r.out);
    ASSERT_EQ(secret.size(), 64) << r;

    const QJsonObject sync = syncSnippet(r.out);
    EXPECT_EQ(sync.value(QStringLiteral("serverUrl")).toString(),
              QStringLiteral("https://central.example:8443"))
        << r;
    EXPECT_EQ(sync.value(QStringLiteral("deviceSecretFile")).toString(), secretFile) << r;

    EXPECT_EQ(readFile(secretFile), secret + '\n');
    struct stat st {};
    ASSERT_EQ(stat(QFile::encodeName(secretFile).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    // Two enrolments never share a secret.
    EXPECT_NE(home_.enrol(QStringLiteral("kiosk-two")), secret);
}

TEST_F(CentralCli, DeviceAddWithoutOptionsShowsPlaceholdersAndNoFile) {
    const CommandResult r =
        home_.command({QStringLiteral("device"), QStringLiteral("add"), QStringLiteral("kiosk-1"),
                       QStringLiteral("--role"), QStringLiteral("board")});
    ASSERT_EQ(r.exit, 0) << r;
    const QJsonObject sync = syncSnippet(r.out);
    EXPECT_TRUE(
        sync.value(QStringLiteral("serverUrl")).toString().startsWith(QStringLiteral("https://")))
        << r;
    EXPECT_FALSE(sync.value(QStringLiteral("deviceSecretFile")).toString().isEmpty()) << r;
    EXPECT_EQ(secretFromOutput(r.out).size(), 64) << r;
}

TEST_F(CentralCli, AddingAnExistingIdIsRefusedAndKeepsTheSecret) {
    const QByteArray secret = home_.enrol(QStringLiteral("kiosk-1"));
    const QString secretFile = home_.path(QStringLiteral("second.secret"));
    const CommandResult again =
        home_.command({QStringLiteral("device"), QStringLiteral("add"), QStringLiteral("kiosk-1"),
                       QStringLiteral("--role"), QStringLiteral("office"),
                       QStringLiteral("--secret-file"), secretFile});
    EXPECT_EQ(again.exit, 4) << again;
    EXPECT_TRUE(again.err.contains(QStringLiteral("already enrolled"))) << again;
    EXPECT_FALSE(QFile::exists(secretFile));

    const CommandResult list = home_.command({QStringLiteral("device"), QStringLiteral("list")});
    ASSERT_EQ(list.exit, 0) << list;
    EXPECT_TRUE(list.out.contains(QRegularExpression(QStringLiteral("kiosk-1 +pavilion "))))
        << list;
    EXPECT_FALSE(list.out.contains(QStringLiteral("office"))) << list;
    EXPECT_FALSE(list.out.contains(QString::fromLatin1(secret))) << "device list shows secrets";

    // The first secret still signs.
    CentralServer server;
    ASSERT_TRUE(home_.startServer(&server));
    SignedClient client(server.baseUrl(), QStringLiteral("kiosk-1"), secret);
    const HttpReply reply = client.pull(0, 10);
    EXPECT_EQ(reply.status, 200) << reply;
    EXPECT_EQ(server.stop(), 0) << server.log().toStdString();
}

TEST_F(CentralCli, ExistingSecretFileIsNotReplacedAndNothingIsEnrolled) {
    const QString secretFile = home_.path(QStringLiteral("taken.secret"));
    writeFile(secretFile, "keep me\n");
    const CommandResult r =
        home_.command({QStringLiteral("device"), QStringLiteral("add"), QStringLiteral("kiosk-1"),
                       QStringLiteral("--role"), QStringLiteral("pavilion"),
                       QStringLiteral("--secret-file"), secretFile});
    EXPECT_EQ(r.exit, 4) << r;
    EXPECT_EQ(readFile(secretFile), QByteArray("keep me\n"));
    const CommandResult list = home_.command({QStringLiteral("device"), QStringLiteral("list")});
    EXPECT_FALSE(list.out.contains(QStringLiteral("kiosk-1"))) << list;
}

TEST_F(CentralCli, BadIdsRolesAndUrlsAreUsageErrors) {
    const QStringList add{QStringLiteral("device"), QStringLiteral("add")};
    for (const QString& id : {QStringLiteral("Kiosk"), QStringLiteral("-kiosk"),
                              QStringLiteral("k"), QStringLiteral("kiosk_1")}) {
        const CommandResult r = home_.command(
            add + QStringList{id, QStringLiteral("--role"), QStringLiteral("pavilion")});
        EXPECT_EQ(r.exit, 2) << id.toStdString() << "\n" << r;
    }
    CommandResult r =
        home_.command(add + QStringList{QStringLiteral("kiosk-1"), QStringLiteral("--role"),
                                        QStringLiteral("admin")});
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("meeting-room"))) << r;
    r = home_.command(add + QStringList{QStringLiteral("kiosk-1")});
    EXPECT_EQ(r.exit, 2) << r;
    r = home_.command(add + QStringList{QStringLiteral("kiosk-1"), QStringLiteral("--role"),
                                        QStringLiteral("board"), QStringLiteral("--server-url"),
                                        QStringLiteral("https://central.example/v1")});
    EXPECT_EQ(r.exit, 2) << r;
    r = home_.command(add + QStringList{QStringLiteral("kiosk-1"), QStringLiteral("--role"),
                                        QStringLiteral("board"), QStringLiteral("--server-url"),
                                        QStringLiteral("http://central.example")});
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_EQ(runCentral({QStringLiteral("frobnicate")}).exit, 2);
    EXPECT_EQ(runCentral({QStringLiteral("--bogus")}).exit, 2);
    EXPECT_EQ(runCentral({QStringLiteral("device"), QStringLiteral("list"),
                          QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")})
                  .exit,
              2);
    const CommandResult list = home_.command({QStringLiteral("device"), QStringLiteral("list")});
    EXPECT_EQ(list.exit, 0) << list;
    EXPECT_TRUE(list.out.contains(QStringLiteral("No devices"))) << list;
}

TEST_F(CentralCli, OptionsMayFollowTheSubcommand) {
    const CommandResult r =
        runCentral({QStringLiteral("device"), QStringLiteral("add"), QStringLiteral("kiosk-1"),
                    QStringLiteral("--db"), home_.dbSpec(), QStringLiteral("--role=meeting-room")});
    ASSERT_EQ(r.exit, 0) << r;
    const CommandResult list = runCentral({QStringLiteral("device"), QStringLiteral("list"),
                                           QStringLiteral("--db=") + home_.dbSpec()});
    EXPECT_TRUE(list.out.contains(QRegularExpression(QStringLiteral("kiosk-1 +meeting-room "))))
        << list;
}

TEST_F(CentralCli, RevokeMarksTheDeviceAndUnknownIdsAreNotFound) {
    home_.enrol(QStringLiteral("kiosk-1"));
    home_.enrol(QStringLiteral("kiosk-2"));
    const CommandResult r = home_.command(
        {QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("kiosk-1")});
    EXPECT_EQ(r.exit, 0) << r;
    const CommandResult list = home_.command({QStringLiteral("device"), QStringLiteral("list")});
    ASSERT_EQ(list.exit, 0) << list;
    const QStringList rows = lines(list.out);
    ASSERT_EQ(rows.size(), 3) << list;  // header and two devices, by id
    EXPECT_TRUE(rows.at(0).startsWith(QStringLiteral("ID"))) << list;
    EXPECT_TRUE(rows.at(1).contains(
        QRegularExpression(QStringLiteral("^kiosk-1 +pavilion +\\S+Z +\\S+Z$"))))
        << list;
    EXPECT_TRUE(
        rows.at(2).contains(QRegularExpression(QStringLiteral("^kiosk-2 +pavilion +\\S+Z +-$"))))
        << list;

    const CommandResult unknown = home_.command(
        {QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("kiosk-9")});
    EXPECT_EQ(unknown.exit, 3) << unknown;
}

TEST_F(CentralCli, PlainHttpOnANonLoopbackAddressIsRefusedAtStart) {
    for (const QString& listen : {QStringLiteral("0.0.0.0:0"), QStringLiteral("[::]:0")}) {
        const CommandResult r = runCentral(
            {QStringLiteral("--listen"), listen, QStringLiteral("--db"), home_.dbSpec()}, 10000);
        EXPECT_EQ(r.exit, 2) << r;
        EXPECT_TRUE(r.err.contains(QStringLiteral("--tls-cert"))) << r;
        EXPECT_FALSE(r.out.contains(QStringLiteral("listening"))) << r;
    }
}

TEST_F(CentralCli, StartUpProblemsArePlainErrorsWithTheirExitCodes) {
    // The port is taken.
    CentralServer first;
    ASSERT_TRUE(home_.startServer(&first));
    const QString hostPort = first.baseUrl().mid(QStringLiteral("http://").size());
    CommandResult r =
        runCentral({QStringLiteral("--listen"), hostPort, QStringLiteral("--db"),
                    QStringLiteral("sqlite:") + home_.path(QStringLiteral("other.db"))},
                   10000);
    EXPECT_EQ(r.exit, 1) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("in use"))) << r;
    EXPECT_EQ(first.stop(), 0) << first.log().toStdString();

    // The store cannot be opened.
    r = runCentral(
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"),
         QStringLiteral("sqlite:") + home_.path(QStringLiteral("no/such/dir/c.db"))},
        10000);
    EXPECT_EQ(r.exit, 5) << r;
    writeFile(home_.path(QStringLiteral("garbage.db")), QByteArray(8192, 'x'));
    r = home_.command({QStringLiteral("device"), QStringLiteral("list")});
    EXPECT_EQ(r.exit, 0) << r;
    r = runCentral({QStringLiteral("--db"),
                    QStringLiteral("sqlite:") + home_.path(QStringLiteral("garbage.db")),
                    QStringLiteral("device"), QStringLiteral("list")});
    EXPECT_EQ(r.exit, 5) << r;
    r = runCentral({QStringLiteral("--db"), QStringLiteral("postgres://x"),
                    QStringLiteral("device"), QStringLiteral("list")});
    EXPECT_EQ(r.exit, 2) << r;

    // TLS half given, or unreadable.
    r = runCentral({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                    QStringLiteral("--tls-cert"), home_.path(QStringLiteral("cert.pem"))});
    EXPECT_EQ(r.exit, 2) << r;
    r = runCentral({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                    QStringLiteral("--db"), home_.dbSpec(), QStringLiteral("--tls-cert"),
                    home_.path(QStringLiteral("missing.pem")), QStringLiteral("--tls-key"),
                    home_.path(QStringLiteral("missing.key"))});
    EXPECT_EQ(r.exit, 5) << r;
}
