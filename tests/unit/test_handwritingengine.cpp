// Handwriting with zinnia and the tegaki simplified Chinese model (the Debian package files), and
// the strokes JSON that pavilionctl and fixtures use.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "handwriting_fixtures.h"
#include "ime/handwritingengine.h"
#include "ime/imedata.h"
#include "ime/ink.h"
#include "testsupport.h"

using pavilion::ime::HandwritingEngine;
using pavilion::ime::Ink;
using pavilion::ime::parseInkJson;
using pavilion::testing::handwrittenCharacters;
using pavilion::testing::writeFile;

TEST(HandwritingEngine, RecognisesSimpleCharactersFirst) {
    const HandwritingEngine engine;
    ASSERT_TRUE(engine.available()) << engine.errorString().toStdString();
    int first = 0;
    for (const auto& c : handwrittenCharacters()) {
        const QStringList got = engine.recognizeText(c.ink, 5);
        ASSERT_FALSE(got.isEmpty()) << c.expected.toStdString();
        EXPECT_EQ(got.first(), c.expected) << "top 5: " << got.join(u' ').toStdString();
        if (got.first() == c.expected) ++first;
    }
    EXPECT_GE(first, 6);
}

TEST(HandwritingEngine, LookAlikesStayWithinTheFirstFive) {
    const HandwritingEngine engine;
    ASSERT_TRUE(engine.available()) << engine.errorString().toStdString();
    for (const auto& c : pavilion::testing::lookAlikeCharacters()) {
        const QStringList got = engine.recognizeText(c.ink, 5);
        EXPECT_TRUE(got.contains(c.expected))
            << c.expected.toStdString() << " not in " << got.join(u' ').toStdString();
    }
}

TEST(HandwritingEngine, CandidatesComeBestFirst) {
    const HandwritingEngine engine;
    ASSERT_TRUE(engine.available()) << engine.errorString().toStdString();
    const auto got = engine.recognize(handwrittenCharacters().at(3).ink, 10);
    ASSERT_EQ(got.size(), 10);
    for (qsizetype i = 1; i < got.size(); ++i) EXPECT_GE(got.at(i - 1).score, got.at(i).score) << i;
    for (const auto& c : got)
        EXPECT_EQ(c.text.size(), 1) << c.text.toStdString();  // single BMP characters
}

TEST(HandwritingEngine, TheWritingBoxScales) {
    // The same 十 written on a box three times as big, every point scaled: same answer.
    const HandwritingEngine engine;
    ASSERT_TRUE(engine.available()) << engine.errorString().toStdString();
    Ink big = handwrittenCharacters().at(3).ink;
    big.width *= 3;
    big.height *= 3;
    for (auto& s : big.strokes)
        for (auto& p : s) p *= 3;
    EXPECT_EQ(engine.recognizeText(big, 1), QStringList{QStringLiteral("十")});
}

TEST(HandwritingEngine, NothingWrittenGivesNothing) {
    const HandwritingEngine engine;
    ASSERT_TRUE(engine.available()) << engine.errorString().toStdString();
    EXPECT_TRUE(engine.recognize(Ink{}).isEmpty());
    Ink emptyStrokes;
    emptyStrokes.strokes = {{}, {}};
    EXPECT_TRUE(engine.recognize(emptyStrokes).isEmpty());
    EXPECT_TRUE(engine.recognize(handwrittenCharacters().first().ink, 0).isEmpty());
}

TEST(HandwritingEngine, MissingModelIsReportedNotFatal) {
    const HandwritingEngine engine(QStringLiteral("/nonexistent/handwriting-zh_CN.model"));
    EXPECT_FALSE(engine.available());
    EXPECT_TRUE(
        engine.errorString().contains(QStringLiteral("/nonexistent/handwriting-zh_CN.model")))
        << engine.errorString().toStdString();
    EXPECT_TRUE(engine.errorString().contains(QStringLiteral("missing")))
        << engine.errorString().toStdString();
    EXPECT_TRUE(engine.recognize(handwrittenCharacters().first().ink).isEmpty());
}

TEST(HandwritingEngine, BrokenModelIsReportedNotFatal) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.model"));
    writeFile(path, QByteArray(100000, 'x'));
    const HandwritingEngine engine(path);
    EXPECT_FALSE(engine.available());
    EXPECT_TRUE(engine.errorString().contains(path)) << engine.errorString().toStdString();
    EXPECT_TRUE(engine.recognize(handwrittenCharacters().first().ink).isEmpty());
}

TEST(HandwritingEngine, ModelPathFollowsTheEnvironment) {
    qputenv(pavilion::ime::kZinniaModelEnv, "/somewhere/else.model");
    EXPECT_EQ(pavilion::ime::zinniaModelPath(), QStringLiteral("/somewhere/else.model"));
    qunsetenv(pavilion::ime::kZinniaModelEnv);
    EXPECT_EQ(pavilion::ime::zinniaModelPath(), pavilion::ime::defaultZinniaModelPath());
}

TEST(HandwritingInkJson, ReadsTheDocumentedFormat) {
    const auto r =
        parseInkJson(R"({"width":300,"height":200,"strokes":[[[10,20],[30.6,40]],[[5,5]]]})");
    ASSERT_TRUE(r.ink) << r.error.toStdString();
    EXPECT_EQ(r.ink->width, 300);
    EXPECT_EQ(r.ink->height, 200);
    ASSERT_EQ(r.ink->strokes.size(), 2);
    EXPECT_EQ(r.ink->strokes.at(0), (pavilion::ime::Stroke{QPoint(10, 20), QPoint(31, 40)}));
    EXPECT_EQ(r.ink->strokes.at(1), (pavilion::ime::Stroke{QPoint(5, 5)}));
}

TEST(HandwritingInkJson, RoundTrips) {
    const Ink original = handwrittenCharacters().at(7).ink;
    const auto r = parseInkJson(pavilion::ime::inkToJson(original));
    ASSERT_TRUE(r.ink) << r.error.toStdString();
    EXPECT_EQ(r.ink->strokes, original.strokes);
    EXPECT_EQ(r.ink->width, original.width);
}

TEST(HandwritingInkJson, SyntaxErrorsSayWhere) {
    const auto r = parseInkJson("{\"width\":300,\n\"height\":300,\n\"strokes\":[[[1,2],]]}");
    ASSERT_FALSE(r.ink);
    EXPECT_TRUE(r.error.startsWith(QStringLiteral("line 3, column "))) << r.error.toStdString();
    EXPECT_TRUE(r.error.contains(QStringLiteral("offset"))) << r.error.toStdString();
}

TEST(HandwritingInkJson, WrongShapesSayWhat) {
    const struct {
        const char* json;
        const char* says;
    } cases[] = {
        {R"([1,2])", "expected an object"},
        {R"({"height":300,"strokes":[[[1,2]]]})", "\"width\" is missing"},
        {R"({"width":0,"height":300,"strokes":[[[1,2]]]})", "\"width\" must be a positive integer"},
        {R"({"width":300,"height":"300","strokes":[[[1,2]]]})",
         "\"height\" must be a positive integer"},
        {R"({"width":300,"height":300})", "\"strokes\" is missing"},
        {R"({"width":300,"height":300,"strokes":{}})", "\"strokes\" must be an array"},
        {R"({"width":300,"height":300,"strokes":[]})", "nothing was written"},
        {R"({"width":300,"height":300,"strokes":[[[1,2]],[]]})", "strokes[1] has no points"},
        {R"({"width":300,"height":300,"strokes":[[1,2]]})", "strokes[0][0] must be a point"},
        {R"({"width":300,"height":300,"strokes":[[[1,2],[3]]]})", "strokes[0][1] must be a point"},
        {R"({"width":300,"height":300,"strokes":[[[1,"2"]]]})", "strokes[0][0] must be a point"},
        {R"({"width":300,"height":300,"strokes":[[[1,2e9]]]})", "strokes[0][0] is far outside"},
    };
    for (const auto& c : cases) {
        const auto r = parseInkJson(c.json);
        EXPECT_FALSE(r.ink) << c.json;
        EXPECT_TRUE(r.error.contains(QString::fromUtf8(c.says)))
            << c.json << " -> " << r.error.toStdString();
    }
}
