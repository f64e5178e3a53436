// core/terminalconfig: the example configs load; every broken config is refused with the file,
// the exact field path and what is wrong.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <functional>

#include "core/terminalconfig.h"
#include "testsupport.h"

using namespace pavilion;
using pavilion::testing::readFile;
using pavilion::testing::sourcePath;
using pavilion::testing::writeFile;

namespace {

const QString kBrokenName = QStringLiteral("/etc/pavilion/broken-terminal.json");

QJsonObject exampleConfig() {
    return QJsonDocument::fromJson(readFile(sourcePath(QStringLiteral("kiosk-config/pavilion-shuxiang.json")))).object();
}

// Replaces (or, with an undefined value, removes) the value at a dotted path such as
// "community.compounds.0.buildings.1.name"; numbers index arrays.
QJsonValue withValue(const QJsonValue& node, QStringList path, const QJsonValue& v) {
    if (path.isEmpty()) return v;
    const QString head = path.takeFirst();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const int i = head.toInt();
        if (path.isEmpty() && v.isUndefined()) a.removeAt(i);
        else a[i] = withValue(a.at(i), path, v);
        return a;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty() && v.isUndefined()) o.remove(head);
    else o[head] = withValue(o.value(head), path, v);
    return o;
}

QByteArray mutated(const QString& dottedPath, const QJsonValue& v) {
    const QJsonValue root = withValue(exampleConfig(), dottedPath.split(u'.'), v);
    return QJsonDocument(root.toObject()).toJson();
}

const QJsonValue kRemove = QJsonValue(QJsonValue::Undefined);

struct BrokenCase {
    const char* name;
    std::function<QByteArray()> bytes;
    QString field;    // the exact path ConfigError::field must name
    QString problem;  // a word the problem must contain
};

std::ostream& operator<<(std::ostream& os, const BrokenCase& c) { return os << c.name; }

const std::vector<BrokenCase>& brokenCases() {
    static const std::vector<BrokenCase> cases = {
        {"InvalidJson", [] { return QByteArray("{\n  \"schema\": 1,\n  \"terminal\": oops\n}\n"); },
         QStringLiteral("(file)"), QStringLiteral("line 3")},
        {"EmptyFile", [] { return QByteArray(); }, QStringLiteral("(file)"), QStringLiteral("JSON")},
        {"RootIsAList", [] { return QByteArray("[1, 2, 3]"); }, QStringLiteral("(file)"), QStringLiteral("object")},
        {"RootIsAString", [] { return QByteArray("\"pavilion\""); }, QStringLiteral("(file)"), QString()},
        {"SchemaMissing", [] { return mutated(QStringLiteral("schema"), kRemove); }, QStringLiteral("schema"), QStringLiteral("missing")},
        {"SchemaVersion2", [] { return mutated(QStringLiteral("schema"), 2); }, QStringLiteral("schema"), QStringLiteral("version 2")},
        {"SchemaAsText", [] { return mutated(QStringLiteral("schema"), QStringLiteral("1")); }, QStringLiteral("schema"), QStringLiteral("whole number")},
        {"TerminalMissing", [] { return mutated(QStringLiteral("terminal"), kRemove); }, QStringLiteral("terminal"), QStringLiteral("missing")},
        {"TerminalIdMissing", [] { return mutated(QStringLiteral("terminal.id"), kRemove); }, QStringLiteral("terminal.id"), QStringLiteral("missing")},
        {"TerminalIdEmpty", [] { return mutated(QStringLiteral("terminal.id"), QStringLiteral("  ")); }, QStringLiteral("terminal.id"), QStringLiteral("empty")},
        {"TerminalIdUpperCase", [] { return mutated(QStringLiteral("terminal.id"), QStringLiteral("Yayuan-1")); }, QStringLiteral("terminal.id"), QStringLiteral("Yayuan-1")},
        {"RoleUnknown", [] { return mutated(QStringLiteral("terminal.role"), QStringLiteral("kiosk")); }, QStringLiteral("terminal.role"), QStringLiteral("kiosk")},
        {"RoleNotText", [] { return mutated(QStringLiteral("terminal.role"), 1); }, QStringLiteral("terminal.role"), QStringLiteral("text")},
        {"VenueControlCharacter", [] { return mutated(QStringLiteral("terminal.venue"), QStringLiteral("议事亭\a")); }, QStringLiteral("terminal.venue"), QStringLiteral("control")},
        {"CommunityNameTooLong", [] { return mutated(QStringLiteral("community.name"), QStringLiteral("社").repeated(61)); }, QStringLiteral("community.name"), QStringLiteral("60")},
        {"CompoundsEmpty", [] { return mutated(QStringLiteral("community.compounds"), QJsonArray()); }, QStringLiteral("community.compounds"), QStringLiteral("empty")},
        {"CompoundsNotAList", [] { return mutated(QStringLiteral("community.compounds"), QStringLiteral("书香雅苑")); }, QStringLiteral("community.compounds"), QStringLiteral("list")},
        {"CompoundNotAnObject", [] { return mutated(QStringLiteral("community.compounds.2"), QStringLiteral("丽景苑")); }, QStringLiteral("community.compounds[2]"), QStringLiteral("object")},
        {"CompoundNameDuplicate", [] { return mutated(QStringLiteral("community.compounds.1.name"), QStringLiteral("书香雅苑")); }, QStringLiteral("community.compounds[1].name"), QStringLiteral("twice")},
        {"BuildingNameDuplicate", [] { return mutated(QStringLiteral("community.compounds.0.buildings.1.name"), QStringLiteral("1号楼")); }, QStringLiteral("community.compounds[0].buildings[1].name"), QStringLiteral("twice")},
        {"BuildingNameMissing", [] { return mutated(QStringLiteral("community.compounds.3.buildings.4.name"), kRemove); }, QStringLiteral("community.compounds[3].buildings[4].name"), QStringLiteral("missing")},
        {"UnitDuplicate", [] { return mutated(QStringLiteral("community.compounds.0.buildings.2.units.1"), QStringLiteral("1单元")); }, QStringLiteral("community.compounds[0].buildings[2].units[1]"), QStringLiteral("twice")},
        {"PublicAreaDuplicate", [] { return mutated(QStringLiteral("community.compounds.0.publicAreas.1"), QStringLiteral("小区广场")); }, QStringLiteral("community.compounds[0].publicAreas[1]"), QStringLiteral("twice")},
        {"CommunityAreaEmptyText", [] { return mutated(QStringLiteral("community.publicAreas.1"), QStringLiteral(" ")); }, QStringLiteral("community.publicAreas[1]"), QStringLiteral("non-empty")},
        {"CategoriesEmpty", [] { return mutated(QStringLiteral("categories"), QJsonArray()); }, QStringLiteral("categories"), QStringLiteral("empty")},
        {"CategoryUnknown", [] { return mutated(QStringLiteral("categories.2.id"), QStringLiteral("flying-cars")); }, QStringLiteral("categories[2].id"), QStringLiteral("flying-cars")},
        {"CategoryDuplicate", [] { return mutated(QStringLiteral("categories.3.id"), QStringLiteral("roof-leak")); }, QStringLiteral("categories[3].id"), QStringLiteral("twice")},
        {"CategoryIdMissing", [] { return mutated(QStringLiteral("categories.5.id"), kRemove); }, QStringLiteral("categories[5].id"), QStringLiteral("missing")},
        {"IdleTimeoutTooShort", [] { return mutated(QStringLiteral("idleTimeoutSeconds"), 19); }, QStringLiteral("idleTimeoutSeconds"), QStringLiteral("between 20 and 3600")},
        {"IdleTimeoutTooLong", [] { return mutated(QStringLiteral("idleTimeoutSeconds"), 3601); }, QStringLiteral("idleTimeoutSeconds"), QStringLiteral("3601")},
        {"IdleTimeoutAsText", [] { return mutated(QStringLiteral("idleTimeoutSeconds"), QStringLiteral("90")); }, QStringLiteral("idleTimeoutSeconds"), QStringLiteral("whole number")},
        {"IdleTimeoutFractional", [] { return mutated(QStringLiteral("idleTimeoutSeconds"), 90.5); }, QStringLiteral("idleTimeoutSeconds"), QStringLiteral("whole number")},
        {"IdleTimeoutHuge", [] { return mutated(QStringLiteral("idleTimeoutSeconds"), 1e20); }, QStringLiteral("idleTimeoutSeconds"), QString()},
        {"IdleTimeoutMissing", [] { return mutated(QStringLiteral("idleTimeoutSeconds"), kRemove); }, QStringLiteral("idleTimeoutSeconds"), QStringLiteral("missing")},
        {"LanguageUnknown", [] { return mutated(QStringLiteral("language"), QStringLiteral("fr")); }, QStringLiteral("language"), QStringLiteral("fr")},
        {"TrackingUrlWithoutCode", [] { return mutated(QStringLiteral("trackingUrlTemplate"), QStringLiteral("https://yayuan.example/t/")); }, QStringLiteral("trackingUrlTemplate"), QStringLiteral("{code}")},
        {"TrackingUrlNotHttp", [] { return mutated(QStringLiteral("trackingUrlTemplate"), QStringLiteral("ftp://yayuan.example/{code}")); }, QStringLiteral("trackingUrlTemplate"), QStringLiteral("http")},
        {"SyncNotAnObject", [] { return mutated(QStringLiteral("sync"), QStringLiteral("on")); }, QStringLiteral("sync"), QStringLiteral("object")},
        {"SyncServerPlainHttpOverNetwork", [] { return mutated(QStringLiteral("sync.serverUrl"), QStringLiteral("http://192.168.1.20:8780")); }, QStringLiteral("sync.serverUrl"), QStringLiteral("https://")},
        {"SyncServerWithPath", [] { return mutated(QStringLiteral("sync.serverUrl"), QStringLiteral("https://central.example/v1")); }, QStringLiteral("sync.serverUrl"), QStringLiteral("without a path")},
        {"SyncServerNotAUrl", [] { return mutated(QStringLiteral("sync.serverUrl"), QStringLiteral("central server")); }, QStringLiteral("sync.serverUrl"), QStringLiteral("https://")},
        {"SyncServerFtp", [] { return mutated(QStringLiteral("sync.serverUrl"), QStringLiteral("ftp://central.example")); }, QStringLiteral("sync.serverUrl"), QStringLiteral("https://")},
        {"SyncServerWithPassword", [] { return mutated(QStringLiteral("sync.serverUrl"), QStringLiteral("https://u:p@central.example")); }, QStringLiteral("sync.serverUrl"), QStringLiteral("password")},
        {"SyncSecretFileMissing", [] { return mutated(QStringLiteral("sync.deviceSecretFile"), kRemove); }, QStringLiteral("sync.deviceSecretFile"), QStringLiteral("required")},
        {"SyncPinWrongForm", [] { return mutated(QStringLiteral("sync.pinnedKeySha256"), QStringLiteral("AAAA")); }, QStringLiteral("sync.pinnedKeySha256"), QStringLiteral("sha256//")},
        {"SyncIntervalTooShort", [] { return mutated(QStringLiteral("sync.intervalSeconds"), 1); }, QStringLiteral("sync.intervalSeconds"), QStringLiteral("between")},
    };
    return cases;
}

class BrokenConfig : public ::testing::TestWithParam<BrokenCase> {};

}  // namespace

TEST(TerminalConfig, ExampleConfigsLoad) {
    struct Expect {
        const char* file;
        const char* id;
        TerminalRole role;
        int idle;
    };
    for (const Expect& e : {Expect{"pavilion-shuxiang.json", "yayuan-pavilion-shuxiang", TerminalRole::Pavilion, 90},
                            Expect{"meeting-room.json", "yayuan-meeting-room", TerminalRole::MeetingRoom, 300},
                            Expect{"board-meeting-room.json", "yayuan-board-1", TerminalRole::Board, 3600}}) {
        const QString path = sourcePath(QStringLiteral("kiosk-config/") + QLatin1String(e.file));
        SCOPED_TRACE(e.file);
        TerminalConfig c;
        ASSERT_NO_THROW(c = TerminalConfig::load(path));
        EXPECT_EQ(c.sourceFile, path);
        EXPECT_EQ(c.terminalId, QLatin1String(e.id));
        EXPECT_EQ(c.role, e.role);
        EXPECT_EQ(c.idleTimeoutSeconds, e.idle);
        EXPECT_EQ(c.communityName, QStringLiteral("雅苑社区"));
        EXPECT_EQ(c.compounds.size(), 4);
        EXPECT_EQ(c.compounds.at(0).name, QStringLiteral("书香雅苑"));
        EXPECT_FALSE(c.compounds.at(0).buildings.isEmpty());
        EXPECT_EQ(c.categories.size(), 17);
        ASSERT_NE(c.category(QStringLiteral("roof-leak")), nullptr);
        EXPECT_EQ(c.category(QStringLiteral("roof-leak"))->label, QStringLiteral("屋顶漏水"));  // standard label filled in
        EXPECT_EQ(c.category(QStringLiteral("flying-cars")), nullptr);
        EXPECT_EQ(c.language, QStringLiteral("zh_CN"));
        const QString url = c.trackingUrl(QStringLiteral("K7QM3HXP"));
        EXPECT_TRUE(url.contains(QStringLiteral("K7QM3HXP"))) << url.toStdString();
        EXPECT_FALSE(url.contains(QStringLiteral("{code}")));
    }
}

TEST(TerminalConfig, ShuxiangPavilionDetails) {
    const TerminalConfig c = TerminalConfig::load(sourcePath(QStringLiteral("kiosk-config/pavilion-shuxiang.json")));
    EXPECT_EQ(roleKey(c.role), QStringLiteral("pavilion"));
    EXPECT_EQ(c.venue, QStringLiteral("书香雅苑红色网格议事亭"));
    EXPECT_EQ(c.compounds.at(0).buildings.size(), 6);
    EXPECT_EQ(c.compounds.at(0).buildings.at(2).name, QStringLiteral("3号楼"));
    EXPECT_EQ(c.compounds.at(0).buildings.at(2).units, (QStringList{QStringLiteral("1单元"), QStringLiteral("2单元"), QStringLiteral("3单元")}));
    EXPECT_TRUE(c.compounds.at(0).publicAreas.contains(QStringLiteral("小区广场")));
    EXPECT_EQ(c.communityAreas, (QStringList{QStringLiteral("社区党群服务中心"), QStringLiteral("丽景街沿街")}));
    EXPECT_EQ(c.trackingUrl(QStringLiteral("K7QM3HXP")), QStringLiteral("https://yayuan.pavilion.example/t/K7QM3HXP"));
    EXPECT_EQ(c.sync.serverUrl, QStringLiteral("http://127.0.0.1:8780"));
    EXPECT_EQ(c.sync.intervalSeconds, 30);
}

TEST(TerminalConfig, OptionalPartsTakeTheirDefaults) {
    QJsonObject o = exampleConfig();
    o.remove(QStringLiteral("sync"));
    o = withValue(o, QStringLiteral("categories").split(u'.'),
                  QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("elevator")}, {QStringLiteral("label"), QStringLiteral("电梯故障")}},
                             QJsonObject{{QStringLiteral("id"), QStringLiteral("other")}}})
            .toObject();
    const TerminalConfig c = TerminalConfig::parse(QJsonDocument(o).toJson(), kBrokenName);
    EXPECT_TRUE(c.sync.serverUrl.isEmpty());
    EXPECT_EQ(c.sync.intervalSeconds, 60);
    ASSERT_EQ(c.categories.size(), 2);
    EXPECT_EQ(c.categories.at(0).label, QStringLiteral("电梯故障"));  // the config's own label wins
    EXPECT_EQ(c.categories.at(0).icon, QStringLiteral("elevator"));
    EXPECT_EQ(c.categories.at(1).label, QStringLiteral("其他"));
    EXPECT_EQ(c.category(QStringLiteral("roof-leak")), nullptr);  // a subset: only what the config lists
}

TEST_P(BrokenConfig, IsRefusedNamingFileAndField) {
    const BrokenCase& c = GetParam();
    const QByteArray bytes = c.bytes();
    try {
        TerminalConfig::parse(bytes, kBrokenName);
        FAIL() << "accepted:\n" << bytes.toStdString();
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.field, c.field) << e.what();
        EXPECT_EQ(e.file, kBrokenName);
        EXPECT_TRUE(e.message().contains(kBrokenName)) << e.what();
        EXPECT_TRUE(e.message().contains(QStringLiteral("field ") + c.field)) << e.what();
        if (!c.problem.isEmpty()) {
            EXPECT_TRUE(e.problem.contains(c.problem)) << e.what();
        }
        EXPECT_EQ(e.message(), QStringLiteral("config %1: field %2: %3").arg(e.file, e.field, e.problem));
    }
}

INSTANTIATE_TEST_SUITE_P(Table, BrokenConfig, ::testing::ValuesIn(brokenCases()),
                         [](const ::testing::TestParamInfo<BrokenCase>& i) { return std::string(i.param.name); });

TEST(TerminalConfig, InvalidJsonReportsLineAndColumn) {
    try {
        TerminalConfig::parse(QByteArray("{\n  \"schema\": 1,\n  \"terminal\": oops\n}\n"), kBrokenName);
        FAIL() << "accepted invalid JSON";
    } catch (const ConfigError& e) {
        // "oops" starts at line 3, column 15; the parser notices somewhere within or just after it.
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("line (\\d+), column (\\d+)")).match(e.problem);
        ASSERT_TRUE(m.hasMatch()) << e.what();
        EXPECT_EQ(m.captured(1).toInt(), 3) << e.what();
        EXPECT_GE(m.captured(2).toInt(), 13) << e.what();
        EXPECT_LE(m.captured(2).toInt(), 20) << e.what();
    }
}

// Regression (was a bug in src/core/terminalconfig.cpp:236): categories[].id is checked with findStandardCategory(),
// which also matches a category's *label*, so a config listing "屋顶漏水" as an id is accepted and
// the terminal then carries a category whose id is not a stable id (TerminalConfig::category(
// "roof-leak") finds nothing, and issues get reported under the label).
TEST(TerminalConfig, CategoryLabelIsNotAcceptedAsAnId) {
    try {
        const TerminalConfig c = TerminalConfig::parse(mutated(QStringLiteral("categories.0.id"), QStringLiteral("屋顶漏水")), kBrokenName);
        ADD_FAILURE() << "accepted the label 屋顶漏水 as categories[0].id; categories[0].id is now \""
                      << c.categories.at(0).id.toStdString() << "\"";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.field, QStringLiteral("categories[0].id")) << e.what();
    }
}

TEST(TerminalConfig, LoadOfMissingFileNamesTheFile) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("no-such-terminal.json"));
    try {
        TerminalConfig::load(path);
        FAIL() << "loaded a file that does not exist";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.file, path);
        EXPECT_EQ(e.field, QStringLiteral("(file)"));
        EXPECT_TRUE(e.message().contains(path)) << e.what();
        EXPECT_TRUE(e.problem.contains(QStringLiteral("does not exist"))) << e.what();
    }
}

TEST(TerminalConfig, LoadOfBrokenFileOnDiskNamesTheFileAndField) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("pavilion.json"));
    writeFile(path, mutated(QStringLiteral("terminal.role"), QStringLiteral("kiosk")));
    try {
        TerminalConfig::load(path);
        FAIL() << "loaded a config with a bad role";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.file, path);
        EXPECT_EQ(e.field, QStringLiteral("terminal.role"));
        EXPECT_TRUE(e.message().contains(path)) << e.what();
    }
}

TEST(TerminalConfig, LoadRefusesFilesOverOneMegabyte) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    QByteArray bytes = QJsonDocument(exampleConfig()).toJson();
    bytes.append(QByteArray(1024 * 1024, ' '));  // still valid JSON, just too big
    writeFile(path, bytes);
    try {
        TerminalConfig::load(path);
        FAIL() << "loaded a config larger than 1 MB";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.field, QStringLiteral("(file)"));
        EXPECT_TRUE(e.problem.contains(QStringLiteral("1 MB"))) << e.what();
    }
}
