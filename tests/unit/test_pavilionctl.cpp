// pavilionctl, the real executable, driven through QProcess: output, exit codes, refusals.
#include <gtest/gtest.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "core/trackingcode.h"
#include "storage/migrations.h"
#include "ctlprocess.h"
#include "testsupport.h"

using pavilion::testing::RawDb;
using pavilion::testing::sourcePath;
using pavilion::testing::writeFile;
namespace tracking = pavilion::tracking;

namespace {

using Result = pavilion::testing::CtlResult;
using pavilion::testing::runCtl;

class PavilionCtl : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(dir_.isValid()); }

    QString dataDir() const { return dir_.filePath(QStringLiteral("data")); }
    static QString config(const char* name = "pavilion-shuxiang.json") {
        return sourcePath(QStringLiteral("kiosk-config/") + QLatin1String(name));
    }
    // pavilionctl --data-dir DATA [--config pavilion-shuxiang.json] ARGS…
    Result ctl(const QStringList& args, bool withConfig = true) {
        QStringList all{QStringLiteral("--data-dir"), dataDir()};
        if (withConfig) all << QStringLiteral("--config") << config();
        return runCtl(all + args);
    }
    QString report(const QString& text = QStringLiteral("3号楼屋顶漏水，下雨天滴到床上"),
                   const QString& location = QStringLiteral("书香雅苑/3号楼/2单元"),
                   const QString& category = QStringLiteral("roof-leak"), const QString& phone = {}) {
        QStringList args{QStringLiteral("issues"), QStringLiteral("report"), QStringLiteral("--category"), category,
                         QStringLiteral("--location"), location, QStringLiteral("--text"), text};
        if (!phone.isEmpty()) args << QStringLiteral("--phone") << phone;
        const Result r = ctl(args);
        EXPECT_EQ(r.exit, 0) << r;
        return r.out.trimmed();
    }
    static QStringList lines(const QString& s) { return s.split(u'\n', Qt::SkipEmptyParts); }

    QTemporaryDir dir_;
};

}  // namespace

TEST_F(PavilionCtl, HelpPrintsUsage) {
    const Result r = runCtl({QStringLiteral("--help")});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("usage: pavilionctl"))) << r;
}

TEST_F(PavilionCtl, ReportPrintsATrackingCode) {
    const QString code = report();
    EXPECT_EQ(code.size(), tracking::kLength) << code.toStdString();
    EXPECT_TRUE(tracking::hasValidCheck(code)) << code.toStdString();
    // It really is in the data directory's database.
    RawDb raw(QDir(dataDir()).filePath(QStringLiteral("pavilion.db")));
    EXPECT_EQ(raw.text(QStringLiteral("SELECT category FROM issues WHERE code='%1'").arg(code)), QStringLiteral("roof-leak"));
    EXPECT_EQ(raw.text(QStringLiteral("SELECT building FROM issues WHERE code='%1'").arg(code)), QStringLiteral("3号楼"));
}

TEST_F(PavilionCtl, ReportAcceptsTheCategoryLabel) {
    const QString code = report(QStringLiteral("地库车位被占"), QStringLiteral("书香雅苑:地下车库"), QStringLiteral("停车/消防通道"));
    const Result shown = ctl({QStringLiteral("issues"), QStringLiteral("show"), code});
    EXPECT_EQ(shown.exit, 0) << shown;
    EXPECT_TRUE(shown.out.contains(QStringLiteral("(parking-fire-lane)"))) << shown;
    EXPECT_TRUE(shown.out.contains(QStringLiteral("书香雅苑 · 地下车库"))) << shown;
}

TEST_F(PavilionCtl, ShowPrintsTheIssue) {
    const QString code = report(QStringLiteral("楼道灯坏了😀 \"急\""));
    // Without --config: the data directory remembers its terminal.
    for (const QString& typed : {code, code.toLower(), tracking::display(code)}) {
        const Result r = ctl({QStringLiteral("issues"), QStringLiteral("show"), typed}, false);
        EXPECT_EQ(r.exit, 0) << r;
        EXPECT_TRUE(r.out.contains(tracking::display(code))) << r;
        EXPECT_TRUE(r.out.contains(QStringLiteral("楼道灯坏了😀 \"急\""))) << r;
        EXPECT_TRUE(r.out.contains(QStringLiteral("书香雅苑 3号楼 2单元"))) << r;
        EXPECT_TRUE(r.out.contains(QStringLiteral("yayuan-pavilion-shuxiang"))) << r;
        EXPECT_TRUE(QRegularExpression(QStringLiteral("supporters:\\s+0\\n")).match(r.out).hasMatch()) << r;
    }
}

TEST_F(PavilionCtl, SupportAddsASupporter) {
    const QString code = report();
    const Result r = ctl({QStringLiteral("issues"), QStringLiteral("support"), code});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.out.trimmed(), code + QStringLiteral(" supporters 1"));
    const Result again = ctl({QStringLiteral("issues"), QStringLiteral("support"), code.toLower()});
    EXPECT_EQ(again.out.trimmed(), code + QStringLiteral(" supporters 2")) << again;
    const Result shown = ctl({QStringLiteral("issues"), QStringLiteral("show"), code});
    EXPECT_TRUE(QRegularExpression(QStringLiteral("supporters:\\s+2\\n")).match(shown.out).hasMatch()) << shown;
    EXPECT_EQ(shown.out.count(QStringLiteral("又一位居民附议")), 2) << shown;
}

TEST_F(PavilionCtl, UnknownCodeExitsThreeWithAMessage) {
    const QString code = report();
    QString unknown;
    do unknown = tracking::generate();
    while (unknown == code);
    for (const char* verb : {"show", "support"}) {
        const Result r = ctl({QStringLiteral("issues"), QLatin1String(verb), unknown});
        EXPECT_EQ(r.exit, 3) << r;
        EXPECT_TRUE(r.out.isEmpty()) << r;
        EXPECT_TRUE(r.err.contains(unknown)) << r;
    }
    // A mistyped code is told apart from an unknown one.
    QString typo = code;
    typo[5] = typo.at(5) == u'A' ? u'B' : u'A';
    const Result r = ctl({QStringLiteral("issues"), QStringLiteral("show"), typo});
    EXPECT_EQ(r.exit, 3) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("mistyped"))) << r;
}

TEST_F(PavilionCtl, LookAlikeCodeIsExplained) {
    report();
    for (const QString& typed : {QStringLiteral("K7QM0HXP"), QStringLiteral("k7qm-ohxp"), QStringLiteral("K1QM3HXP")}) {
        const Result r = ctl({QStringLiteral("issues"), QStringLiteral("support"), typed});
        EXPECT_EQ(r.exit, 3) << r;
        EXPECT_TRUE(r.err.contains(QStringLiteral("0, O, 1, I or L"))) << r;
    }
}

TEST_F(PavilionCtl, BadPhoneExitsFourAndStoresNothing) {
    const Result r = ctl({QStringLiteral("issues"), QStringLiteral("report"), QStringLiteral("--category"), QStringLiteral("noise"),
                          QStringLiteral("--location"), QStringLiteral("丽景苑/2号楼"), QStringLiteral("--text"), QStringLiteral("夜里广场舞太吵"),
                          QStringLiteral("--phone"), QStringLiteral("1381234567")});
    EXPECT_EQ(r.exit, 4) << r;
    EXPECT_FALSE(r.err.isEmpty()) << r;
    const Result status = ctl({QStringLiteral("status")});
    EXPECT_TRUE(QRegularExpression(QStringLiteral("issues:\\s+0 ")).match(status.out).hasMatch()) << status;
    EXPECT_TRUE(QRegularExpression(QStringLiteral("events:\\s+0 ")).match(status.out).hasMatch()) << status;
}

TEST_F(PavilionCtl, RefusedInputExitsFour) {
    EXPECT_EQ(ctl({QStringLiteral("issues"), QStringLiteral("report"), QStringLiteral("--category"), QStringLiteral("flying-cars"),
                   QStringLiteral("--location"), QStringLiteral("丽景苑"), QStringLiteral("--text"), QStringLiteral("飞车太多")})
                  .exit,
              4);
    EXPECT_EQ(ctl({QStringLiteral("issues"), QStringLiteral("report"), QStringLiteral("--category"), QStringLiteral("noise"),
                   QStringLiteral("--location"), QStringLiteral("丽景苑"), QStringLiteral("--text"), QStringLiteral("吵").repeated(501)})
                  .exit,
              4);
}

TEST_F(PavilionCtl, MissingDataDirIsAUsageError) {
    const Result r = runCtl({QStringLiteral("--config"), config(), QStringLiteral("status")});
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("--data-dir"))) << r;
    EXPECT_TRUE(r.out.isEmpty()) << r;
}

TEST_F(PavilionCtl, OtherUsageErrorsExitTwo) {
    EXPECT_EQ(ctl({}).exit, 2);                                                          // no command
    EXPECT_EQ(ctl({QStringLiteral("frobnicate")}).exit, 2);                              // unknown command
    EXPECT_EQ(ctl({QStringLiteral("export")}).exit, 2);                                  // no --format json
    EXPECT_EQ(ctl({QStringLiteral("issues"), QStringLiteral("report"), QStringLiteral("--text"), QStringLiteral("x")}).exit, 2);
    // A data directory that was never bound needs a config once.
    const Result r = runCtl({QStringLiteral("--data-dir"), dir_.filePath(QStringLiteral("fresh")), QStringLiteral("status")});
    EXPECT_EQ(r.exit, 2) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("--config"))) << r;
}

TEST_F(PavilionCtl, BadConfigExitsFiveNamingTheField) {
    QJsonObject o = QJsonDocument::fromJson(pavilion::testing::readFile(config())).object();
    QJsonObject terminal = o.value(QStringLiteral("terminal")).toObject();
    terminal.insert(QStringLiteral("role"), QStringLiteral("kiosk"));
    o.insert(QStringLiteral("terminal"), terminal);
    const QString bad = dir_.filePath(QStringLiteral("broken-terminal.json"));
    writeFile(bad, QJsonDocument(o).toJson());

    const Result r = runCtl({QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--config"), bad, QStringLiteral("status")});
    EXPECT_EQ(r.exit, 5) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("terminal.role"))) << r;
    EXPECT_TRUE(r.err.contains(bad)) << r;

    const Result missing = runCtl({QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--config"),
                                   dir_.filePath(QStringLiteral("nope.json")), QStringLiteral("status")});
    EXPECT_EQ(missing.exit, 5) << missing;
    EXPECT_TRUE(missing.err.contains(QStringLiteral("nope.json"))) << missing;
}

TEST_F(PavilionCtl, DataDirOfAnotherTerminalIsRefused) {
    report();
    const Result r = runCtl({QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--config"), config("meeting-room.json"),
                             QStringLiteral("status")});
    EXPECT_EQ(r.exit, 6) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("yayuan-pavilion-shuxiang"))) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("yayuan-meeting-room"))) << r;
    // Still the first terminal's, untouched.
    const Result status = ctl({QStringLiteral("status")}, false);
    EXPECT_EQ(status.exit, 0) << status;
    EXPECT_TRUE(status.out.contains(QStringLiteral("yayuan-pavilion-shuxiang"))) << status;
}

TEST_F(PavilionCtl, NewerSchemaDataDirIsRefused) {
    ASSERT_TRUE(QDir().mkpath(dataDir()));
    {
        RawDb raw(QDir(dataDir()).filePath(QStringLiteral("pavilion.db")), true);
        ASSERT_EQ(raw.exec(QStringLiteral("PRAGMA user_version=%1").arg(pavilion::latestSchemaVersion() + 1)), 0);
    }
    const Result r = ctl({QStringLiteral("status")});
    EXPECT_EQ(r.exit, 6) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("newer"))) << r;
}

TEST_F(PavilionCtl, ExportIsJsonWithoutPhoneNumbers) {
    const QString withPhone = report(QStringLiteral("电梯困人，请联系我"), QStringLiteral("丽景苑/3号楼/1单元"), QStringLiteral("elevator"),
                                     QStringLiteral("13812345678"));
    const QString spaced = report(QStringLiteral("路灯不亮"), QStringLiteral(":丽景街沿街"), QStringLiteral("street-lights"),
                                  QStringLiteral("139 8765 4321"));
    const QString none = report();
    ASSERT_EQ(ctl({QStringLiteral("issues"), QStringLiteral("support"), none}).exit, 0);

    const Result r = ctl({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(r.exit, 0) << r;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &pe);
    ASSERT_EQ(pe.error, QJsonParseError::NoError) << pe.errorString().toStdString() << "\n" << r;
    ASSERT_TRUE(doc.isObject());
    const QJsonObject o = doc.object();
    EXPECT_EQ(o.value(QStringLiteral("terminal")).toString(), QStringLiteral("yayuan-pavilion-shuxiang"));
    ASSERT_TRUE(o.value(QStringLiteral("issues")).isArray());
    ASSERT_TRUE(o.value(QStringLiteral("events")).isArray());
    const QJsonArray issues = o.value(QStringLiteral("issues")).toArray();
    const QJsonArray events = o.value(QStringLiteral("events")).toArray();
    EXPECT_EQ(issues.size(), 3);
    EXPECT_EQ(events.size(), 4);

    for (const char* digits : {"13812345678", "13987654321", "9876543", "1234567"})
        EXPECT_FALSE(r.out.contains(QLatin1String(digits))) << "export contains " << digits;
    int withPhoneFlag = 0;
    for (const QJsonValue& v : issues) {
        const QJsonObject i = v.toObject();
        EXPECT_FALSE(i.contains(QStringLiteral("phone")));
        if (i.value(QStringLiteral("hasPhone")).toBool()) ++withPhoneFlag;
        if (i.value(QStringLiteral("code")).toString() == none) {
            EXPECT_EQ(i.value(QStringLiteral("supporters")).toInt(), 1);
        }
    }
    EXPECT_EQ(withPhoneFlag, 2);
    for (const QJsonValue& v : events) {
        const QJsonObject payload = v.toObject().value(QStringLiteral("payload")).toObject();
        EXPECT_FALSE(payload.contains(QStringLiteral("phone")));
        const QString code = payload.value(QStringLiteral("code")).toString();
        if (v.toObject().value(QStringLiteral("type")).toString() == QStringLiteral("IssueReported") && (code == withPhone || code == spaced)) {
            EXPECT_TRUE(payload.value(QStringLiteral("hasPhone")).toBool()) << code.toStdString();
        }
    }
    // The phone number is still kept locally (the community may call back); only the export withholds it.
    RawDb raw(QDir(dataDir()).filePath(QStringLiteral("pavilion.db")));
    EXPECT_EQ(raw.text(QStringLiteral("SELECT phone FROM issues WHERE code='%1'").arg(withPhone)), QStringLiteral("13812345678"));
}

TEST_F(PavilionCtl, StatusShowsCounts) {
    const QString a = report();
    report(QStringLiteral("垃圾分类点满了没人清"), QStringLiteral("双福巷小区:垃圾分类点"), QStringLiteral("sanitation"));
    ASSERT_EQ(ctl({QStringLiteral("issues"), QStringLiteral("support"), a}).exit, 0);
    const Result r = ctl({QStringLiteral("status")});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(QRegularExpression(QStringLiteral("issues:\\s+2 \\(2 open, 1 supporters\\)")).match(r.out).hasMatch()) << r;
    EXPECT_TRUE(QRegularExpression(QStringLiteral("events:\\s+3 \\(3 not yet sent")).match(r.out).hasMatch()) << r;
    EXPECT_TRUE(QRegularExpression(QStringLiteral("schema version:\\s+%1 ").arg(pavilion::latestSchemaVersion())).match(r.out).hasMatch()) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("yayuan-pavilion-shuxiang"))) << r;
}

TEST_F(PavilionCtl, DemoLoadReportsTheIssuesOfTheFile) {
    const QString demo = dir_.filePath(QStringLiteral("demo.json"));
    writeFile(demo, QStringLiteral(R"({"issues": [
      {"category": "drain-blocked", "location": {"compound": "景墨家园B区", "publicArea": "双福巷排水井"},
       "text": "排水井堵塞，雨后污水漫到路面", "daysAgo": 12, "supporters": 3},
      {"category": "ev-charging", "location": {"compound": "丽景苑", "publicArea": "充电车棚"},
       "text": "充电桩太少，电动车只能拉线充电", "daysAgo": 5, "supporters": 0, "phone": "13900001111"},
      {"category": "greenery", "location": {"compound": "书香雅苑", "building": "5号楼"},
       "text": "楼前的树挡住了二楼的阳光", "daysAgo": 1}
    ]})").toUtf8());
    const Result r = ctl({QStringLiteral("demo"), QStringLiteral("load"), demo});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("reported 3 demo issues"))) << r;

    const Result list = ctl({QStringLiteral("issues"), QStringLiteral("list")});
    EXPECT_EQ(list.exit, 0) << list;
    const QStringList rows = lines(list.out);
    ASSERT_EQ(rows.size(), 3) << list;
    // Newest first (daysAgo 1, 5, 12), each line starting with its tracking code.
    EXPECT_TRUE(rows.at(0).contains(QStringLiteral("楼前的树"))) << list;
    EXPECT_TRUE(rows.at(2).contains(QStringLiteral("+3"))) << list;
    for (const QString& row : rows) EXPECT_TRUE(tracking::hasValidCheck(row.left(tracking::kLength))) << row.toStdString();

    const Result filtered = ctl({QStringLiteral("issues"), QStringLiteral("list"), QStringLiteral("--category"), QStringLiteral("ev-charging")});
    EXPECT_EQ(lines(filtered.out).size(), 1) << filtered;
    const Result status = ctl({QStringLiteral("status")});
    EXPECT_TRUE(QRegularExpression(QStringLiteral("issues:\\s+3 \\(3 open, 3 supporters\\)")).match(status.out).hasMatch()) << status;
}

TEST_F(PavilionCtl, DemoLoadOfAMalformedFileFails) {
    const QString demo = dir_.filePath(QStringLiteral("demo.json"));
    writeFile(demo, QByteArray("{\"problems\": []}"));
    const Result r = ctl({QStringLiteral("demo"), QStringLiteral("load"), demo});
    EXPECT_NE(r.exit, 0) << r;
    EXPECT_TRUE(r.err.contains(demo)) << r;
}

// The user-visible side of the IssueStore bug (src/storage/issuestore.cpp:60, see
// IssueStoreTest.CategoryIsAlwaysStoredAsItsStableId): a demo file naming a category by its label
// (as text drawn from the seeds naturally does) is loaded, but the issue is stored under the label,
// so filtering by the category id does not find it.
TEST_F(PavilionCtl, DemoIssueGivenByCategoryLabelIsFiledUnderItsId) {
    const QString demo = dir_.filePath(QStringLiteral("demo.json"));
    writeFile(demo, QStringLiteral(R"({"issues": [
      {"category": "屋顶漏水", "location": {"compound": "双福巷小区", "building": "2号楼"}, "text": "顶楼漏水，墙皮脱落", "daysAgo": 3}
    ]})").toUtf8());
    const Result load = ctl({QStringLiteral("demo"), QStringLiteral("load"), demo});
    if (load.exit != 0) {
        EXPECT_EQ(load.exit, 4) << load;  // refusing the label would be acceptable too
        return;
    }
    const Result list = ctl({QStringLiteral("issues"), QStringLiteral("list"), QStringLiteral("--category"), QStringLiteral("roof-leak")});
    EXPECT_EQ(lines(list.out).size(), 1) << list;
}

TEST_F(PavilionCtl, ShippedDemoDataLoadsCompletely) {
    const QString demo = sourcePath(QStringLiteral("assets/demo/issues.json"));
    if (!QFileInfo::exists(demo)) GTEST_SKIP() << "no assets/demo/issues.json in this tree";
    const QJsonArray entries = QJsonDocument::fromJson(pavilion::testing::readFile(demo)).object().value(QStringLiteral("issues")).toArray();
    ASSERT_FALSE(entries.isEmpty());
    int supporters = 0;
    for (const QJsonValue& v : entries) supporters += v.toObject().value(QStringLiteral("supporters")).toInt(0);

    const Result r = ctl({QStringLiteral("demo"), QStringLiteral("load"), demo});
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("reported %1 demo issues").arg(entries.size()))) << r;
    EXPECT_EQ(lines(ctl({QStringLiteral("issues"), QStringLiteral("list")}).out).size(), entries.size());
    const Result status = ctl({QStringLiteral("status")});
    EXPECT_TRUE(QRegularExpression(QStringLiteral("issues:\\s+%1 \\(%1 open, %2 supporters\\)").arg(entries.size()).arg(supporters))
                    .match(status.out)
                    .hasMatch())
        << status;
}

TEST_F(PavilionCtl, DashHAsIssueTextIsStoredNotTakenForHelp) {
    const QString code = report(QStringLiteral("-h"), QStringLiteral("书香雅苑/3号楼/2单元"));
    ASSERT_EQ(code.size(), tracking::kLength) << code.toStdString();
    RawDb raw(QDir(dataDir()).filePath(QStringLiteral("pavilion.db")));
    EXPECT_EQ(raw.text(QStringLiteral("SELECT text FROM issues WHERE code='%1'").arg(code)), QStringLiteral("-h"));
}
