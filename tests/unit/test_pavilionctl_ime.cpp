// pavilionctl ime, the real executable through QProcess: no --data-dir, output one a line, exit
// codes (0 ok, 2 usage, 4 invalid input, 1 engine unavailable).
#include <gtest/gtest.h>

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "handwriting_fixtures.h"
#include "ime/ink.h"
#include "ctlprocess.h"
#include "testsupport.h"

using pavilion::testing::handwrittenCharacters;
using pavilion::testing::writeFile;

namespace {

using Result = pavilion::testing::CtlResult;
using pavilion::testing::runCtl;

QProcessEnvironment envWith(const QString& name, const QString& value) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(name, value);
    return env;
}

class PavilionCtlIme : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(dir_.isValid()); }
    QString file(const QString& name, const QByteArray& content) {
        const QString path = dir_.filePath(name);
        writeFile(path, content);
        return path;
    }
    QTemporaryDir dir_;
};

}  // namespace

TEST_F(PavilionCtlIme, PinyinPrintsCandidatesOneALine) {
    const Result r =
        runCtl({QStringLiteral("ime"), QStringLiteral("pinyin"), QStringLiteral("xiashuidao")});
    EXPECT_EQ(r.exit, 0) << r;
    ASSERT_FALSE(r.lines().isEmpty()) << r;
    EXPECT_EQ(r.lines().first(), QStringLiteral("下水道")) << r;
    EXPECT_EQ(r.lines().size(), 10) << r;
    const Result three =
        runCtl({QStringLiteral("ime"), QStringLiteral("pinyin"), QStringLiteral("xiashuidaodule"),
                QStringLiteral("--count"), QStringLiteral("3")});
    EXPECT_EQ(three.exit, 0) << three;
    EXPECT_EQ(three.lines(), (QStringList{QStringLiteral("下水道读了"), QStringLiteral("下水道"),
                                          QStringLiteral("下水")}))
        << three;
}

TEST_F(PavilionCtlIme, WorksWithoutADataDirectoryAndOpensNone) {
    const QString data = dir_.filePath(QStringLiteral("data"));
    const Result r = runCtl({QStringLiteral("--data-dir"), data, QStringLiteral("ime"),
                             QStringLiteral("pinyin"), QStringLiteral("wuye")});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_EQ(r.lines().value(0), QStringLiteral("物业")) << r;
    EXPECT_FALSE(QDir(data).exists());  // no store was opened or created
}

TEST_F(PavilionCtlIme, PinyinRefusesWhatIsNotPinyin) {
    const Result r =
        runCtl({QStringLiteral("ime"), QStringLiteral("pinyin"), QStringLiteral("下水道")});
    EXPECT_EQ(r.exit, 4) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("not a pinyin spelling"))) << r;
    EXPECT_TRUE(r.out.isEmpty()) << r;
}

TEST_F(PavilionCtlIme, PredictPrintsAssociatedWords) {
    const Result r = runCtl({QStringLiteral("ime"), QStringLiteral("predict"), QStringLiteral("漏"),
                             QStringLiteral("--count"), QStringLiteral("5")});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.lines().contains(QStringLiteral("水"))) << r;
    EXPECT_LE(r.lines().size(), 5) << r;
}

TEST_F(PavilionCtlIme, HandwritingPrintsCharactersBestFirst) {
    for (const auto& c : handwrittenCharacters().mid(0, 6)) {
        const QString path = file(QStringLiteral("ink.json"), pavilion::ime::inkToJson(c.ink));
        const Result r = runCtl({QStringLiteral("ime"), QStringLiteral("handwriting"), path});
        EXPECT_EQ(r.exit, 0) << r;
        EXPECT_EQ(r.lines().value(0), c.expected) << r;
        EXPECT_EQ(r.lines().size(), 10) << r;
    }
}

TEST_F(PavilionCtlIme, HandwritingRefusesAMalformedFile) {
    const QString broken =
        file(QStringLiteral("broken.json"), "{\"width\":300,\"height\":300,\n\"strokes\":[[[1,2]]");
    const Result r = runCtl({QStringLiteral("ime"), QStringLiteral("handwriting"), broken});
    EXPECT_EQ(r.exit, 4) << r;
    EXPECT_TRUE(r.err.contains(broken)) << r;
    EXPECT_TRUE(r.err.contains(QStringLiteral("line 2, column"))) << r;
    EXPECT_TRUE(r.out.isEmpty()) << r;

    const QString shape =
        file(QStringLiteral("shape.json"), R"({"width":300,"height":300,"strokes":[[[1,2],[3]]]})");
    const Result s = runCtl({QStringLiteral("ime"), QStringLiteral("handwriting"), shape});
    EXPECT_EQ(s.exit, 4) << s;
    EXPECT_TRUE(s.err.contains(QStringLiteral("strokes[0][1] must be a point [x,y]"))) << s;

    const Result missing = runCtl({QStringLiteral("ime"), QStringLiteral("handwriting"),
                                   dir_.filePath(QStringLiteral("none.json"))});
    EXPECT_EQ(missing.exit, 4) << missing;
    EXPECT_TRUE(missing.err.contains(QStringLiteral("cannot read"))) << missing;
}

TEST_F(PavilionCtlIme, MissingDataFilesAreNamed) {
    const QString model = dir_.filePath(QStringLiteral("no.model"));
    const QString ink = file(QStringLiteral("ink.json"),
                             pavilion::ime::inkToJson(handwrittenCharacters().first().ink));
    const Result h = runCtl({QStringLiteral("ime"), QStringLiteral("handwriting"), ink},
                            envWith(QStringLiteral("PAVILION_ZINNIA_MODEL"), model));
    EXPECT_EQ(h.exit, 1) << h;
    EXPECT_TRUE(h.err.contains(model)) << h;

    const QString dict = dir_.filePath(QStringLiteral("no.dat"));
    const Result p =
        runCtl({QStringLiteral("ime"), QStringLiteral("pinyin"), QStringLiteral("wuye")},
               envWith(QStringLiteral("PAVILION_PINYIN_DICT"), dict));
    EXPECT_EQ(p.exit, 1) << p;
    EXPECT_TRUE(p.err.contains(dict)) << p;

    const Result st = runCtl({QStringLiteral("ime"), QStringLiteral("status")},
                             envWith(QStringLiteral("PAVILION_PINYIN_DICT"), dict));
    EXPECT_EQ(st.exit, 1) << st;
    EXPECT_TRUE(st.out.contains(dict)) << st;
    EXPECT_TRUE(st.out.contains(QStringLiteral("handwriting:        ok"))) << st;
}

TEST_F(PavilionCtlIme, StatusSaysBothEnginesLoad) {
    const Result r = runCtl({QStringLiteral("ime"), QStringLiteral("status")});
    EXPECT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("pinyin:             ok"))) << r;
    EXPECT_TRUE(r.out.contains(QStringLiteral("handwriting:        ok"))) << r;
}

TEST_F(PavilionCtlIme, UsageErrors) {
    const QList<QStringList> wrong = {
        {QStringLiteral("ime")},
        {QStringLiteral("ime"), QStringLiteral("morse")},
        {QStringLiteral("ime"), QStringLiteral("pinyin")},
        {QStringLiteral("ime"), QStringLiteral("pinyin"), QStringLiteral("wu"),
         QStringLiteral("ye")},
        {QStringLiteral("ime"), QStringLiteral("pinyin"), QStringLiteral("wuye"),
         QStringLiteral("--count"), QStringLiteral("0")},
        {QStringLiteral("ime"), QStringLiteral("handwriting")},
        {QStringLiteral("ime"), QStringLiteral("status"), QStringLiteral("now")},
    };
    for (const QStringList& args : wrong) {
        const Result r = runCtl(args);
        EXPECT_EQ(r.exit, 2) << args.join(u' ').toStdString() << "\n" << r;
        EXPECT_TRUE(r.err.contains(QStringLiteral("usage: pavilionctl ime"))) << r;
    }
    const Result help = runCtl({QStringLiteral("ime"), QStringLiteral("--help")});
    EXPECT_EQ(help.exit, 0) << help;
    EXPECT_TRUE(help.out.contains(QStringLiteral("ime handwriting FILE.json"))) << help;
    // The main usage mentions ime.
    EXPECT_TRUE(runCtl({QStringLiteral("--help")}).out.contains(QStringLiteral("ime pinyin")))
        << help;
}
