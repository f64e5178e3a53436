// Pinyin with Google's pinyin engine and Debian's dictionary: the words residents of a community
// type, whole sentences, paging, choosing syllable by syllable, associated words (联想), and
// what happens when the dictionary is missing or broken.
#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <optional>
#include <thread>
#include <vector>

#include "ime/imedata.h"
#include "ime/pinyinengine.h"
#include "testsupport.h"

using pavilion::ime::PinyinEngine;
using pavilion::testing::writeFile;

namespace {

struct Word {
    const char* spelling;
    const char* word;
};

// Found within the first five candidates by a plain search.
constexpr Word kVocabulary[] = {
    {"xiashuidao", "下水道"},   {"wuye", "物业"},
    {"loushui", "漏水"},        {"xiaofangtongdao", "消防通道"},
    {"tingche", "停车"},        {"zaoyin", "噪音"},
    {"ludeng", "路灯"},         {"dianti", "电梯"},
    {"nuanqi", "暖气"},         {"lajitong", "垃圾桶"},
    {"shequ", "社区"},          {"xiaoqu", "小区"},
    {"yezhu", "业主"},          {"jumin", "居民"},
    {"weixiu", "维修"},         {"loudao", "楼道"},
    {"dianpingche", "电瓶车"},  {"tingchewei", "停车位"},
    {"lvhua", "绿化"},          {"jianshen", "健身"},
    {"lajifenlei", "垃圾分类"}, {"wuyefei", "物业费"},
    {"tingdian", "停电"},       {"tingshui", "停水"},
    {"shuiguan", "水管"},       {"duse", "堵塞"},
    {"wuding", "屋顶"},         {"fangshui", "防水"},
    {"menjin", "门禁"},         {"jiankong", "监控"},
    {"baoan", "保安"},          {"huozai", "火灾"},
    {"xiaofang", "消防"},       {"shuiya", "水压"},
    {"ranqi", "燃气"},          {"chongwu", "宠物"},
    {"youeryuan", "幼儿园"},    {"chouwei", "臭味"},
    {"wenzi", "蚊子"},          {"laoshu", "老鼠"},
    {"zhuangxiu", "装修"},      {"chewei", "车位"},
    {"tingchechang", "停车场"}, {"danyuan", "单元"},
    {"shuibiao", "水表"},       {"tousu", "投诉"},
    {"jianyi", "建议"},         {"baoxiu", "报修"},
};

// Not in Debian's dictionary (2009-era Android data): a plain search does not offer them, so a
// resident builds them by choosing syllable by syllable — sometimes pages deep: 直 is candidate
// 11 for "zhi…", 附 14 for "fu…", 违 31 for "wei…". 附议 is the kiosk's own word for support.
constexpr Word kBuiltByChoosing[] = {
    {"chongdianzhuang", "充电桩"},
    {"geyouchi", "隔油池"},
    {"zhiyinshuiji", "直饮水机"},
    {"fuyi", "附议"},
    {"kuaidigui", "快递柜"},
    {"weijian", "违建"},
    {"diku", "地库"},
};

int rankOf(const PinyinEngine& e, const QString& word, int within) {
    return int(e.candidates(0, within).indexOf(word));
}

// What a resident does on the keyboard: take candidate 0 when it is already the whole text, else
// the longest candidate among the first `within` that continues the text, and repeat.
// Returns the number of choices, or nullopt when the text cannot be reached this way.
std::optional<int> typeByChoosing(PinyinEngine& e, const QString& spelling, const QString& target,
                                  int within = 10) {
    if (e.search(spelling) == 0) return std::nullopt;
    for (int choices = 1; choices <= 10; ++choices) {
        if (e.composition() == target) {
            e.choose(0);
            return e.isComplete() && e.composition() == target ? std::optional<int>(choices)
                                                               : std::nullopt;
        }
        const QString done = e.composition().left(e.fixedLength());
        if (!target.startsWith(done)) return std::nullopt;
        const QString rest = target.mid(done.size());
        int best = -1;
        const QStringList page = e.candidates(0, within);
        for (int i = 1; i < page.size(); ++i)
            if (rest.startsWith(page.at(i)) &&
                (best < 0 || page.at(i).size() > page.at(best).size()))
                best = i;
        if (best < 0) return std::nullopt;
        e.choose(best);
        if (e.isComplete())
            return e.composition() == target ? std::optional<int>(choices) : std::nullopt;
    }
    return std::nullopt;
}

class Pinyin : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(engine.available()) << engine.errorString().toStdString(); }
    PinyinEngine engine;
};

}  // namespace

TEST_F(Pinyin, CommunityVocabularyIsWithinTheFirstFive) {
    static_assert(std::size(kVocabulary) >= 30);
    for (const Word& w : kVocabulary) {
        const QString word = QString::fromUtf8(w.word);
        EXPECT_GT(engine.search(QLatin1String(w.spelling)), 0) << w.spelling;
        const int rank = rankOf(engine, word, 5);
        EXPECT_GE(rank, 0) << w.spelling << " → " << w.word << " not in "
                           << engine.candidates(0, 5).join(u' ').toStdString();
    }
}

TEST_F(Pinyin, WordsMissingFromTheDictionaryAreBuiltByChoosing) {
    for (const Word& w : kBuiltByChoosing) {
        const QString word = QString::fromUtf8(w.word);
        const auto choices = typeByChoosing(engine, QLatin1String(w.spelling), word, 40);
        EXPECT_TRUE(choices.has_value()) << w.spelling << " → " << w.word;
        if (choices) {
            EXPECT_LE(*choices, 4) << w.spelling;
        }
    }
}

TEST_F(Pinyin, SentenceXiashuidaodule) {
    // The engine's sentence guess is 下水道读了 (读了 is commoner than 堵了), so a resident picks
    // 下水道, then 堵 on the first page, and the sentence then reads 下水道堵了.
    ASSERT_GT(engine.search(QStringLiteral("xiashuidaodule")), 0);
    EXPECT_EQ(engine.candidate(0), QStringLiteral("下水道读了"));
    const int xiashuidao = rankOf(engine, QStringLiteral("下水道"), 5);
    ASSERT_GE(xiashuidao, 0);
    engine.choose(xiashuidao);
    EXPECT_EQ(engine.fixedLength(), 3);
    EXPECT_FALSE(engine.isComplete());
    const int du = rankOf(engine, QStringLiteral("堵"), 10);
    ASSERT_GE(du, 0) << engine.candidates(0, 10).join(u' ').toStdString();
    engine.choose(du);
    EXPECT_EQ(engine.composition(), QStringLiteral("下水道堵了"));
    engine.choose(0);
    EXPECT_TRUE(engine.isComplete());
    EXPECT_EQ(engine.composition(), QStringLiteral("下水道堵了"));
    EXPECT_EQ(engine.candidateCount(), 1);
}

TEST_F(Pinyin, SentenceLoudaodengbuliangle) {
    // The engine guesses 楼道等不良了; 楼道, 灯, 不亮 and the rest are all on first pages.
    ASSERT_GT(engine.search(QStringLiteral("loudaodengbuliangle")), 0);
    EXPECT_EQ(engine.candidate(0), QStringLiteral("楼道等不良了"));
    const auto choices = typeByChoosing(engine, QStringLiteral("loudaodengbuliangle"),
                                        QStringLiteral("楼道灯不亮了"));
    ASSERT_TRUE(choices.has_value());
    EXPECT_LE(*choices, 4);
}

TEST_F(Pinyin, SentencesTheEngineGetsRightAtOnce) {
    // Whole phrases from the vocabulary come back as candidate 0.
    for (const auto& [spelling, text] :
         {std::pair{"xiaofangtongdao", "消防通道"}, std::pair{"lajifenlei", "垃圾分类"},
          std::pair{"loudaodeludenghuaile", "楼道的路灯坏了"}}) {
        ASSERT_GT(engine.search(QLatin1String(spelling)), 0) << spelling;
        EXPECT_EQ(engine.candidate(0), QString::fromUtf8(text)) << spelling;
    }
}

TEST_F(Pinyin, CancelLastChoiceUndoesIt) {
    ASSERT_GT(engine.search(QStringLiteral("xiashuidaodule")), 0);
    const int before = engine.candidateCount();
    engine.choose(1);
    EXPECT_EQ(engine.fixedLength(), 3);
    EXPECT_EQ(engine.cancelLastChoice(), before);
    EXPECT_EQ(engine.fixedLength(), 0);
    EXPECT_EQ(engine.candidate(0), QStringLiteral("下水道读了"));
}

TEST_F(Pinyin, PagesThroughCandidates) {
    const int n = engine.search(QStringLiteral("shi"));
    ASSERT_GT(n, 100);  // 是 时 事 使 市 …: many pages
    EXPECT_EQ(engine.candidate(0), QStringLiteral("是"));
    const int pages = engine.pageCount(5);
    EXPECT_EQ(pages, (n + 4) / 5);
    const QStringList first = engine.page(0, 5), second = engine.page(1, 5);
    EXPECT_EQ(first.size(), 5);
    EXPECT_EQ(second.size(), 5);
    for (const QString& c : second) EXPECT_FALSE(first.contains(c)) << c.toStdString();
    EXPECT_EQ(engine.page(pages - 1, 5).size(), n - (pages - 1) * 5);
    EXPECT_TRUE(engine.page(pages, 5).isEmpty());
    EXPECT_EQ(engine.candidates(n - 2, 5).size(), 2);
    EXPECT_TRUE(engine.candidate(n).isEmpty());
    EXPECT_TRUE(engine.candidate(-1).isEmpty());
    // Every page together is every candidate, in order.
    QStringList all;
    for (int p = 0; p < pages; ++p) all += engine.page(p, 5);
    EXPECT_EQ(all, engine.candidates(0, n));
}

TEST_F(Pinyin, PredictsAfterACommit) {
    // 联想 after 下水道: the engine follows the last character (道路, 道理) before its everyday
    // fallback words (的, 了, …), which the wrapper moves to the end.
    const QStringList afterXiashuidao = engine.predictions(QStringLiteral("下水道"));
    ASSERT_FALSE(afterXiashuidao.isEmpty());
    EXPECT_TRUE(afterXiashuidao.mid(0, 5).contains(QStringLiteral("路")))
        << afterXiashuidao.join(u' ').toStdString();
    EXPECT_FALSE(afterXiashuidao.mid(0, 5).contains(QStringLiteral("的")))
        << afterXiashuidao.join(u' ').toStdString();
    const QStringList afterLou = engine.predictions(QStringLiteral("漏"));
    EXPECT_TRUE(afterLou.mid(0, 5).contains(QStringLiteral("水")))
        << afterLou.join(u' ').toStdString();
    EXPECT_TRUE(afterLou.mid(0, 5).contains(QStringLiteral("洞")))
        << afterLou.join(u' ').toStdString();
    EXPECT_EQ(engine.predictions(QStringLiteral("下水道"), 3).size(), 3);
    EXPECT_EQ(QStringList(afterXiashuidao).removeDuplicates(), 0);
    // A long history: only its end matters, and nothing overflows.
    EXPECT_FALSE(engine.predictions(QStringLiteral("我们小区的地下车库一直漏水")).isEmpty());
    EXPECT_TRUE(engine.predictions(QString()).isEmpty());
}

TEST_F(Pinyin, PredictionsAfterChoosingASentence) {
    ASSERT_TRUE(
        typeByChoosing(engine, QStringLiteral("xiashuidaodule"), QStringLiteral("下水道堵了")));
    EXPECT_FALSE(engine.predictions(engine.composition()).isEmpty());
    // Predicting does not disturb a search that follows.
    EXPECT_GT(engine.search(QStringLiteral("wuye")), 0);
    EXPECT_EQ(engine.candidate(0), QStringLiteral("物业"));
}

TEST_F(Pinyin, SpellingIsNormalised) {
    for (const char* s : {"LVHUA", "LvHua", "lühua", "LÜHUA"}) {
        ASSERT_GT(engine.search(QString::fromUtf8(s)), 0) << s;
        EXPECT_EQ(engine.candidate(0), QStringLiteral("绿化")) << s;
    }
    ASSERT_GT(engine.search(QStringLiteral("xi'an")), 0);
    EXPECT_EQ(engine.candidate(0), QStringLiteral("西安"));
    EXPECT_EQ(engine.segmentedSpelling(), QStringLiteral("xi'an"));
    ASSERT_GT(engine.search(QStringLiteral("xiashuidao")), 0);
    EXPECT_EQ(engine.segmentedSpelling(), QStringLiteral("xia'shui'dao"));
    EXPECT_EQ(engine.decodedLength(), 10);
}

TEST_F(Pinyin, OtherInputGivesNoCandidates) {
    for (const QString& s : {QString(), QStringLiteral("下水"), QStringLiteral("abc1"),
                             QStringLiteral("wu ye"), QStringLiteral("iiii")}) {
        EXPECT_EQ(engine.search(s), 0) << s.toStdString();
        EXPECT_EQ(engine.candidateCount(), 0);
        EXPECT_TRUE(engine.candidate(0).isEmpty());
        EXPECT_EQ(engine.choose(0), 0);
    }
}

TEST_F(Pinyin, LongSpellingsAreCut) {
    const QString s = QStringLiteral("xiashuidaoduleloudaodengbuliangleshiwuyedianti");
    ASSERT_GT(engine.search(s), 0);
    EXPECT_EQ(engine.spelling(), s.left(PinyinEngine::kMaxSpellingLength));
}

TEST(PinyinEngine, OneDecoderPerProcess) {
    auto first = std::make_unique<PinyinEngine>();
    ASSERT_TRUE(first->available()) << first->errorString().toStdString();
    {
        const PinyinEngine second;
        EXPECT_FALSE(second.available());
        EXPECT_TRUE(second.errorString().contains(QStringLiteral("another PinyinEngine")))
            << second.errorString().toStdString();
    }
    EXPECT_GT(first->search(QStringLiteral("wuye")), 0);  // the refused one disturbed nothing
    first.reset();
    const PinyinEngine third;
    EXPECT_TRUE(third.available()) << third.errorString().toStdString();
}

TEST(PinyinEngine, CallsFromSeveralThreadsAreSerialised) {
    // The decoder is global; the wrapper's mutex keeps calls from tearing it. (Which search a
    // candidate belongs to is the caller's business: one conversation at a time.)
    PinyinEngine e;
    ASSERT_TRUE(e.available()) << e.errorString().toStdString();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&e, t] {
            for (int i = 0; i < 200; ++i) {
                e.search(QLatin1String(kVocabulary[(t * 7 + i) % std::size(kVocabulary)].spelling));
                e.candidates(0, 10);
                e.predictions(QStringLiteral("漏水"));
                e.segmentedSpelling();
            }
        });
    for (auto& th : threads) th.join();
    ASSERT_GT(e.search(QStringLiteral("wuye")), 0);
    EXPECT_EQ(e.candidate(0), QStringLiteral("物业"));
}

TEST(PinyinEngine, MissingDictionaryIsReportedNotFatal) {
    PinyinEngine e(QStringLiteral("/nonexistent/dict_pinyin.dat"));
    EXPECT_FALSE(e.available());
    EXPECT_TRUE(e.errorString().contains(QStringLiteral("/nonexistent/dict_pinyin.dat")))
        << e.errorString().toStdString();
    EXPECT_TRUE(e.errorString().contains(QStringLiteral("missing")))
        << e.errorString().toStdString();
    EXPECT_EQ(e.search(QStringLiteral("wuye")), 0);
    EXPECT_TRUE(e.candidate(0).isEmpty());
    EXPECT_TRUE(e.predictions(QStringLiteral("漏")).isEmpty());
    EXPECT_EQ(e.choose(0), 0);
    EXPECT_FALSE(e.isComplete());
}

TEST(PinyinEngine, BrokenDictionaryIsReportedNotFatal) {
    QTemporaryDir dir;
    // Random bytes make the engine itself throw std::bad_alloc; a short or empty file it refuses.
    QByteArray noise(100000, '\0');
    for (int i = 0; i < noise.size(); ++i) noise[i] = char((i * 7919 + 13) % 251);
    const QByteArray heads[] = {
        noise, QByteArray(), QByteArray(100, 'x'),
        QByteArray::fromHex("0800000000000000ffffffff00000000") + QByteArray(8192, 'a')};
    for (const QByteArray& content : heads) {
        const QString path = dir.filePath(QStringLiteral("dict.dat"));
        writeFile(path, content);
        PinyinEngine e(path);
        EXPECT_FALSE(e.available());
        EXPECT_TRUE(e.errorString().contains(path)) << e.errorString().toStdString();
        EXPECT_EQ(e.search(QStringLiteral("wuye")), 0);
    }
    // A refused dictionary leaves the decoder free for a good one.
    const PinyinEngine good;
    ASSERT_TRUE(good.available()) << good.errorString().toStdString();
}

TEST(PinyinEngine, DictionaryPathFollowsTheEnvironment) {
    qputenv(pavilion::ime::kPinyinDictEnv, "/somewhere/dict.dat");
    EXPECT_EQ(pavilion::ime::pinyinDictPath(), QStringLiteral("/somewhere/dict.dat"));
    const PinyinEngine e;
    EXPECT_FALSE(e.available());
    EXPECT_TRUE(e.errorString().contains(QStringLiteral("/somewhere/dict.dat")));
    qunsetenv(pavilion::ime::kPinyinDictEnv);
    EXPECT_EQ(pavilion::ime::pinyinDictPath(), pavilion::ime::defaultPinyinDictPath());
}

TEST(PinyinEngine, UserDictionaryLearnsChosenPhrases) {
    // Only with a user dictionary: the default (none) learns nothing, see pinyinengine.h.
    QTemporaryDir dir;
    const QString user = dir.filePath(QStringLiteral("user.dat"));
    {
        PinyinEngine e(pavilion::ime::pinyinDictPath(), user);
        ASSERT_TRUE(e.available()) << e.errorString().toStdString();
        ASSERT_TRUE(
            typeByChoosing(e, QStringLiteral("xiashuidaodule"), QStringLiteral("下水道堵了")));
    }
    {
        PinyinEngine e(pavilion::ime::pinyinDictPath(), user);
        ASSERT_TRUE(e.available()) << e.errorString().toStdString();
        ASSERT_GT(e.search(QStringLiteral("xiashuidaodule")), 0);
        EXPECT_EQ(e.candidate(0), QStringLiteral("下水道堵了"));
    }
    {
        PinyinEngine e;  // no user dictionary: the dictionary's own guess
        ASSERT_TRUE(e.available()) << e.errorString().toStdString();
        ASSERT_GT(e.search(QStringLiteral("xiashuidaodule")), 0);
        EXPECT_EQ(e.candidate(0), QStringLiteral("下水道读了"));
    }
}
