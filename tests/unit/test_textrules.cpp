// core/textrules: what is kept of the text residents type, how it is counted and cut, phone rules.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/textrules.h"
#include "testsupport.h"

using namespace pavilion::text;

namespace {
const QString kEmoji = QStringLiteral("😀");     // U+1F600, a surrogate pair
const QString kExtB = QStringLiteral("𠀀");       // U+20000, CJK extension B, a surrogate pair
QString withChar(const char16_t* before, char16_t c, const char16_t* after) {
    return QString::fromUtf16(before) + QChar(c) + QString::fromUtf16(after);
}
}  // namespace

TEST(TextRules, TestStringsAreWhatTheyClaim) {
    ASSERT_EQ(kEmoji.size(), 2);
    ASSERT_EQ(kEmoji.at(0).unicode(), 0xD83D);
    ASSERT_EQ(kExtB.size(), 2);
    ASSERT_EQ(QChar::surrogateToUcs4(kExtB.at(0), kExtB.at(1)), 0x20000u);
}

TEST(TextRules, SanitizeRemovesC0AndC1ControlCharacters) {
    for (char16_t c = 0; c < 0x20; ++c) {
        if (c == u'\n' || c == u'\r' || c == u'\t') continue;
        EXPECT_EQ(sanitize(withChar(u"漏", c, u"水")), QStringLiteral("漏水")) << "U+" << int(c);
    }
    for (char16_t c = 0x7F; c <= 0x9F; ++c)
        EXPECT_EQ(sanitize(withChar(u"漏", c, u"水")), QStringLiteral("漏水")) << "U+" << int(c);
    EXPECT_EQ(sanitize(QStringLiteral("a\x01\x02\x1b[31mb")), QStringLiteral("a[31mb"));
    // The first characters after the control ranges are ordinary text.
    EXPECT_EQ(sanitize(withChar(u"a", 0xA0, u"b")).size(), 3);
    EXPECT_EQ(sanitize(QStringLiteral(" ")), QString());
}

TEST(TextRules, SanitizeKeepsNewlinesAndNormalisesLineEnds) {
    EXPECT_EQ(sanitize(QStringLiteral("第一行\n第二行")), QStringLiteral("第一行\n第二行"));
    EXPECT_EQ(sanitize(QStringLiteral("第一行\r\n第二行\r\n第三行")), QStringLiteral("第一行\n第二行\n第三行"));
    EXPECT_EQ(sanitize(QStringLiteral("a\rb")), QStringLiteral("a\nb"));
    EXPECT_EQ(sanitize(QStringLiteral("a\r\r\nb")), QStringLiteral("a\n\nb"));
    EXPECT_EQ(sanitize(QStringLiteral("a\tb\t\tc")), QStringLiteral("a b  c"));
}

TEST(TextRules, SanitizeWithoutNewlinesTurnsThemIntoSpaces) {
    EXPECT_EQ(sanitize(QStringLiteral("3号楼\n2单元"), false), QStringLiteral("3号楼 2单元"));
    EXPECT_EQ(sanitize(QStringLiteral("3号楼\r\n2单元"), false), QStringLiteral("3号楼 2单元"));
    EXPECT_EQ(sanitize(QStringLiteral("3号楼\r2单元"), false), QStringLiteral("3号楼 2单元"));
    EXPECT_FALSE(sanitize(QStringLiteral("a\nb\r\nc\rd"), false).contains(u'\n'));
}

TEST(TextRules, SanitizeTrims) {
    EXPECT_EQ(sanitize(QStringLiteral("  \n\t 楼道灯坏了 \r\n ")), QStringLiteral("楼道灯坏了"));
    EXPECT_EQ(sanitize(QStringLiteral("\x01\x02")), QString());
}

TEST(TextRules, SanitizeDropsUnpairedSurrogates) {
    const QChar high(0xD83D), low(0xDE00);
    EXPECT_EQ(sanitize(QStringLiteral("a") + high + QStringLiteral("b")), QStringLiteral("ab"));
    EXPECT_EQ(sanitize(QStringLiteral("a") + low + QStringLiteral("b")), QStringLiteral("ab"));
    EXPECT_EQ(sanitize(QStringLiteral("ab") + high), QStringLiteral("ab"));
    EXPECT_EQ(sanitize(low + QStringLiteral("ab")), QStringLiteral("ab"));
    // Reversed order is two unpaired halves.
    EXPECT_EQ(sanitize(QStringLiteral("a") + low + high + QStringLiteral("b")), QStringLiteral("ab"));
    // High followed by high: the first is unpaired, the second pairs with the low that follows.
    EXPECT_EQ(sanitize(QString(high) + high + low), kEmoji);
    // The result always survives a UTF-8 round trip unchanged.
    const QString messy = QStringLiteral("x") + high + kExtB + low + kEmoji + high;
    const QString clean = sanitize(messy);
    EXPECT_EQ(clean, QStringLiteral("x") + kExtB + kEmoji);
    EXPECT_EQ(QString::fromUtf8(clean.toUtf8()), clean);
}

TEST(TextRules, SanitizeKeepsEmojiRareCjkQuotesAndSqlVerbatim) {
    const QStringList verbatim = {
        kEmoji,
        kExtB,
        QStringLiteral("屋顶漏水😀，𠀀字也要能存"),
        QStringLiteral("他说\"不行\"，她说'可以'，还有「引号」和“中文引号”"),
        QStringLiteral("'); DROP TABLE issues;--"),
        QStringLiteral("1' OR '1'='1"),
        QStringLiteral("%_\\ back\\slash"),
        QStringLiteral("👨‍👩‍👧 family with zero-width joiners"),
    };
    for (const QString& s : verbatim) EXPECT_EQ(sanitize(s), s);
}

TEST(TextRules, LengthCountsCodePoints) {
    EXPECT_EQ(length(QString()), 0);
    EXPECT_EQ(length(QStringLiteral("屋顶漏水")), 4);
    EXPECT_EQ(length(kEmoji), 1);
    EXPECT_EQ(length(kExtB), 1);
    EXPECT_EQ(length(kExtB + QStringLiteral("abc") + kEmoji), 5);
    EXPECT_EQ(length(kEmoji.repeated(500)), 500);
    // A lone surrogate counts as one.
    EXPECT_EQ(length(QString(QChar(0xD83D))), 1);
}

TEST(TextRules, TruncateNeverSplitsASurrogatePair) {
    const QString s = QStringLiteral("a") + kEmoji + QStringLiteral("b") + kExtB + kExtB + QStringLiteral("c");
    ASSERT_EQ(length(s), 6);
    EXPECT_EQ(truncate(s, 0), QString());
    EXPECT_EQ(truncate(s, 1), QStringLiteral("a"));
    EXPECT_EQ(truncate(s, 2), QStringLiteral("a") + kEmoji);
    EXPECT_EQ(truncate(s, 4), QStringLiteral("a") + kEmoji + QStringLiteral("b") + kExtB);
    EXPECT_EQ(truncate(s, 6), s);
    EXPECT_EQ(truncate(s, 100), s);
    for (int max = 0; max <= 8; ++max) {
        const QString t = truncate(s, max);
        EXPECT_TRUE(s.startsWith(t)) << max;
        EXPECT_EQ(length(t), std::min(max, 6)) << max;
        if (!t.isEmpty()) {
            EXPECT_FALSE(t.back().isHighSurrogate()) << max;
        }
        EXPECT_EQ(QString::fromUtf8(t.toUtf8()), t) << max;
    }
    EXPECT_EQ(truncate(kEmoji.repeated(10), 3), kEmoji.repeated(3));
}

TEST(TextRules, CheckPhoneAcceptsMainlandMobiles) {
    for (const char16_t* p : {u"13812345678", u"19912345678", u"15000000000", u"138 1234 5678",
                              u"138-1234-5678", u" 138 - 1234 - 5678 "}) {
        EXPECT_EQ(checkPhone(QString::fromUtf16(p)), PhoneProblem::None) << QString::fromUtf16(p).toStdString();
    }
    EXPECT_EQ(phoneDigits(QStringLiteral("138 1234-5678")), QStringLiteral("13812345678"));
}

TEST(TextRules, CheckPhoneRefusesWhatIsNotAMobile) {
    EXPECT_EQ(checkPhone(QString()), PhoneProblem::Empty);
    EXPECT_EQ(checkPhone(QStringLiteral(" - ")), PhoneProblem::Empty);
    EXPECT_EQ(checkPhone(QStringLiteral("1381234567a")), PhoneProblem::NotDigits);
    EXPECT_EQ(checkPhone(QStringLiteral("phone")), PhoneProblem::NotDigits);
    EXPECT_EQ(checkPhone(QStringLiteral("+8613812345678")), PhoneProblem::NotDigits);
    EXPECT_EQ(checkPhone(QStringLiteral("１３８１２３４５６７８")), PhoneProblem::NotDigits);  // full-width
    EXPECT_EQ(checkPhone(QStringLiteral("1381234567")), PhoneProblem::WrongLength);     // 10
    EXPECT_EQ(checkPhone(QStringLiteral("138123456789")), PhoneProblem::WrongLength);   // 12
    EXPECT_EQ(checkPhone(QStringLiteral("12812345678")), PhoneProblem::NotMobile);
    EXPECT_EQ(checkPhone(QStringLiteral("10812345678")), PhoneProblem::NotMobile);
    EXPECT_EQ(checkPhone(QStringLiteral("23812345678")), PhoneProblem::NotMobile);
    EXPECT_EQ(checkPhone(QStringLiteral("09512345678")), PhoneProblem::NotMobile);
}

TEST(TextRules, MaskPhoneKeepsFirstThreeAndLastFour) {
    EXPECT_EQ(maskPhone(QStringLiteral("13812345678")), QStringLiteral("138****5678"));
    EXPECT_EQ(maskPhone(QStringLiteral("19900001111")), QStringLiteral("199****1111"));
    EXPECT_FALSE(maskPhone(QStringLiteral("13812345678")).contains(QStringLiteral("1234")));
    EXPECT_EQ(maskPhone(QStringLiteral("12345")), QStringLiteral("*****"));
    EXPECT_EQ(maskPhone(QString()), QString());
}
