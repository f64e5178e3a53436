#include "core/trackingcode.h"

#include <QRandomGenerator>

namespace pavilion::tracking {
namespace {

int indexOf(QChar c) {
    for (int i = 0; i < kAlphabetSize; ++i) {
        if (QLatin1Char(kAlphabet[i]) == c) return i;
    }
    return -1;
}

// Luhn mod N over the alphabet; `startFactor` is 2 when computing a check character for a
// payload and 1 when validating a full code.
int luhnSum(const QString& s, int startFactor) {
    int factor = startFactor;
    int sum = 0;
    for (int i = s.size() - 1; i >= 0; --i) {
        int addend = factor * indexOf(s.at(i));
        factor = (factor == 2) ? 1 : 2;
        sum += addend / kAlphabetSize + addend % kAlphabetSize;
    }
    return sum;
}

}  // namespace

QChar checkCharacter(const QString& payload) {
    const int remainder = luhnSum(payload, 2) % kAlphabetSize;
    return QLatin1Char(kAlphabet[(kAlphabetSize - remainder) % kAlphabetSize]);
}

QString generate() {
    QString payload;
    auto* rng = QRandomGenerator::system();
    for (int i = 0; i < kLength - 1; ++i) payload.append(QLatin1Char(kAlphabet[rng->bounded(kAlphabetSize)]));
    return payload + checkCharacter(payload);
}

bool hasValidCheck(const QString& code) {
    if (code.size() != kLength) return false;
    for (QChar c : code) {
        if (indexOf(c) < 0) return false;
    }
    return luhnSum(code, 1) % kAlphabetSize == 0;
}

Normalized normalize(const QString& input) {
    Normalized n;
    for (QChar c : input) {
        if (c.isSpace() || c == u'-' || c == u'_' || c == u'·') continue;
        n.code.append(c.toUpper());
    }
    if (n.code.isEmpty()) {
        n.problem = CodeProblem::Empty;
        return n;
    }
    for (QChar c : n.code) {
        if (c == u'0' || c == u'O' || c == u'1' || c == u'I' || c == u'L') {
            n.problem = CodeProblem::LookAlike;
            return n;
        }
        if (indexOf(c) < 0) {
            n.problem = CodeProblem::BadCharacter;
            return n;
        }
    }
    if (n.code.size() != kLength) {
        n.problem = CodeProblem::WrongLength;
        return n;
    }
    if (!hasValidCheck(n.code)) n.problem = CodeProblem::BadCheck;
    return n;
}

QString display(const QString& code) {
    if (code.size() != kLength) return code;
    return code.left(4) + u' ' + code.mid(4);
}

}  // namespace pavilion::tracking
