// core/trackingcode: generation, the Luhn mod N check, what people type, display.
#include <gtest/gtest.h>

#include <QSet>
#include <array>

#include "core/trackingcode.h"
#include "testsupport.h"

using namespace pavilion::tracking;

namespace {

const QString kAlphabetString = QString::fromLatin1(kAlphabet);

// An independent Luhn mod N (written from the textbook algorithm, not from the code under test):
// from the right, double every second code point of the payload starting with the rightmost one.
QChar referenceCheck(const QString& payload) {
    int sum = 0;
    bool doubleIt = true;
    for (int i = payload.size() - 1; i >= 0; --i) {
        int v = kAlphabetString.indexOf(payload.at(i));
        if (doubleIt) v *= 2;
        sum += v / kAlphabetSize + v % kAlphabetSize;
        doubleIt = !doubleIt;
    }
    return kAlphabetString.at((kAlphabetSize - sum % kAlphabetSize) % kAlphabetSize);
}

QList<QString> generateMany(int n) {
    QList<QString> codes;
    codes.reserve(n);
    for (int i = 0; i < n; ++i) codes << generate();
    return codes;
}

}  // namespace

TEST(TrackingCode, AlphabetHasNoLookAlikes) {
    EXPECT_EQ(kAlphabetSize, static_cast<int>(qstrlen(kAlphabet)));
    EXPECT_GE(kAlphabetSize, 30);
    for (QChar c : {u'0', u'O', u'1', u'I', u'L'}) EXPECT_FALSE(kAlphabetString.contains(c)) << c.toLatin1();
    for (QChar c : kAlphabetString) {
        EXPECT_EQ(kAlphabetString.count(c), 1) << c.toLatin1();
        EXPECT_TRUE(c.isDigit() || c.isUpper()) << c.toLatin1();
    }
}

TEST(TrackingCode, GeneratedCodesAreEightAlphabetCharactersWithValidCheck) {
    for (const QString& code : generateMany(2000)) {
        ASSERT_EQ(code.size(), kLength) << code.toStdString();
        for (QChar c : code) ASSERT_TRUE(kAlphabetString.contains(c)) << code.toStdString();
        ASSERT_TRUE(hasValidCheck(code)) << code.toStdString();
        const Normalized n = normalize(code);
        ASSERT_TRUE(n.ok()) << code.toStdString();
        ASSERT_EQ(n.code, code);
    }
}

TEST(TrackingCode, CheckCharacterMatchesReferenceLuhnModN) {
    // By hand: an all-zero payload has check index 0; "2222223" (index 1 in the rightmost, doubled,
    // place) sums to 2, so its check has index N-2 ('Y' with today's 31 characters).
    const QChar zero = kAlphabetString.at(0), one = kAlphabetString.at(1);
    const QString allZero = QString(kLength - 1, zero);
    const QString lastOne = QString(kLength - 2, zero) + one;
    EXPECT_EQ(checkCharacter(allZero), zero);
    EXPECT_EQ(checkCharacter(lastOne), kAlphabetString.at(kAlphabetSize - 2));
    EXPECT_TRUE(hasValidCheck(lastOne + kAlphabetString.at(kAlphabetSize - 2)));
    EXPECT_FALSE(hasValidCheck(lastOne + kAlphabetString.at(kAlphabetSize - 1)));
    for (const QString& code : generateMany(1000)) {
        const QString payload = code.left(kLength - 1);
        ASSERT_EQ(checkCharacter(payload), referenceCheck(payload)) << payload.toStdString();
        ASSERT_EQ(code.at(kLength - 1), referenceCheck(payload)) << code.toStdString();
    }
}

// Regression (was a bug in src/core/trackingcode.cpp:17-26 with the 31-character alphabet in trackingcode.h:9): Luhn mod N
// only catches every single-character substitution when N is even. With N = 31 the doubling step
// (2v -> 2v div 31 + 2v mod 31) maps v and v+15 to the same value for v = 1..15 ('3'<->'J',
// 'A'<->'S', …), so at the doubled positions (1st, 3rd, 5th, 7th character) one substitution in 30
// still passes the check and a mistyped code is taken for a valid unknown one. A prime modulus
// suggests a weighted check instead (sum of w_i * v_i mod 31 with distinct non-zero weights).
TEST(TrackingCode, EverySingleCharacterSubstitutionFailsTheCheck) {
    int substitutions = 0, undetected = 0;
    QStringList examples;
    for (const QString& code : generateMany(300)) {
        for (int pos = 0; pos < kLength; ++pos) {
            for (QChar c : kAlphabetString) {
                if (c == code.at(pos)) continue;
                QString typo = code;
                typo[pos] = c;
                ++substitutions;
                if (hasValidCheck(typo) || normalize(typo).problem != CodeProblem::BadCheck) {
                    ++undetected;
                    if (examples.size() < 5) examples << code + QStringLiteral("->") + typo;
                }
            }
        }
    }
    EXPECT_EQ(substitutions, 300 * kLength * (kAlphabetSize - 1));
    EXPECT_EQ(undetected, 0) << "e.g. " << examples.join(QStringLiteral(", ")).toStdString();
}

// The smallest case of the bug above: '3' (index 1) and 'J' (index 16) double to the same value.
TEST(TrackingCode, SubstitutionAtADoubledPositionIsDetected) {
    const QString payload = QStringLiteral("3222222");
    const QString valid = payload + checkCharacter(payload);
    ASSERT_TRUE(hasValidCheck(valid));
    QString typo = valid;
    typo[0] = u'J';
    ASSERT_NE(typo, valid);
    EXPECT_FALSE(hasValidCheck(typo)) << valid.toStdString() << " -> " << typo.toStdString();
}

TEST(TrackingCode, HasValidCheckRefusesWrongLengthAndForeignCharacters) {
    const QString code = generate();
    EXPECT_FALSE(hasValidCheck(QString()));
    EXPECT_FALSE(hasValidCheck(code.left(7)));
    EXPECT_FALSE(hasValidCheck(code + code.at(0)));
    EXPECT_FALSE(hasValidCheck(code.toLower()));  // hasValidCheck wants the normalized form
    QString withZero = code;
    withZero[3] = u'0';
    EXPECT_FALSE(hasValidCheck(withZero));
}

TEST(TrackingCode, NormalizeAcceptsLowerCaseSpacesAndDashes) {
    for (const QString& code : generateMany(50)) {
        const QString lower = code.toLower();
        const QStringList typed = {
            lower,
            lower.left(4) + u' ' + lower.mid(4),
            lower.left(4) + u'-' + lower.mid(4),
            QStringLiteral("  ") + code.left(2) + QStringLiteral(" - ") + lower.mid(2) + QStringLiteral(" "),
            display(code),
        };
        for (const QString& t : typed) {
            const Normalized n = normalize(t);
            EXPECT_EQ(n.problem, CodeProblem::None) << t.toStdString();
            EXPECT_EQ(n.code, code) << t.toStdString();
        }
    }
}

TEST(TrackingCode, NormalizeReportsLookAlikes) {
    const QString code = generate();
    for (QChar look : {u'0', u'O', u'o', u'1', u'I', u'i', u'L', u'l'}) {
        for (int pos : {0, 4, 7}) {
            QString typed = code;
            typed[pos] = look;
            EXPECT_EQ(normalize(typed).problem, CodeProblem::LookAlike) << typed.toStdString();
        }
    }
    // A look-alike is named even when the length is wrong as well: it is the likelier mistake.
    EXPECT_EQ(normalize(QStringLiteral("K7QM0")).problem, CodeProblem::LookAlike);
}

TEST(TrackingCode, NormalizeReportsEmptyWrongLengthAndBadCharacters) {
    const QString code = generate();
    EXPECT_EQ(normalize(QString()).problem, CodeProblem::Empty);
    EXPECT_EQ(normalize(QStringLiteral("  - ")).problem, CodeProblem::Empty);
    EXPECT_EQ(normalize(code.left(7)).problem, CodeProblem::WrongLength);
    EXPECT_EQ(normalize(code + code.at(1)).problem, CodeProblem::WrongLength);
    EXPECT_EQ(normalize(code.left(3)).problem, CodeProblem::WrongLength);
    QString bad = code;
    bad[2] = u'?';
    EXPECT_EQ(normalize(bad).problem, CodeProblem::BadCharacter);
    bad[2] = QChar(0x4E2D);  // 中
    EXPECT_EQ(normalize(bad).problem, CodeProblem::BadCharacter);
    EXPECT_FALSE(normalize(bad).ok());
}

TEST(TrackingCode, DisplayGroupsInTwoFours) {
    EXPECT_EQ(display(QStringLiteral("K7QM3HXP")), QStringLiteral("K7QM 3HXP"));
    const QString code = generate();
    EXPECT_EQ(display(code), code.left(4) + u' ' + code.right(4));
    // Anything that is not a full code is shown as it is.
    EXPECT_EQ(display(QStringLiteral("K7QM3")), QStringLiteral("K7QM3"));
    EXPECT_EQ(display(QString()), QString());
}

TEST(TrackingCode, TenThousandCodesAreDistinctAndUniformlySpread) {
    const int n = 10000;
    const QList<QString> codes = generateMany(n);
    // 31^7 ≈ 2.75e10 payloads: the expected number of colliding pairs among 10,000 is ≈ 0.0018, so
    // more than one collision (probability ≈ 2e-6) means the generator is broken.
    const QSet<QString> distinct(codes.cbegin(), codes.cend());
    EXPECT_GE(distinct.size(), n - 1);

    // The 7 random positions: each alphabet character should appear about n*7/31 times.
    std::array<int, kAlphabetSize> freq{};
    for (const QString& code : codes) {
        for (int pos = 0; pos < kLength - 1; ++pos) ++freq[kAlphabetString.indexOf(code.at(pos))];
    }
    const double expected = n * (kLength - 1) / static_cast<double>(kAlphabetSize);
    double chi2 = 0;
    for (int f : freq) {
        EXPECT_GT(f, 0);
        chi2 += (f - expected) * (f - expected) / expected;
    }
    // 30 degrees of freedom: P(chi2 > 80) < 1e-5 for a uniform generator.
    EXPECT_LT(chi2, 80.0);
}
