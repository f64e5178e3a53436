#include "core/textrules.h"

namespace pavilion::text {

QString sanitize(const QString& input, bool allowNewlines) {
    QString out;
    out.reserve(input.size());
    const int n = input.size();
    for (int i = 0; i < n; ++i) {
        const QChar c = input.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 < n && input.at(i + 1).isLowSurrogate()) {
                out.append(c);
                out.append(input.at(++i));
            }
            continue;  // unpaired: cannot be stored as valid UTF-8
        }
        if (c.isLowSurrogate()) continue;
        const char16_t u = c.unicode();
        if (u == u'\r') {
            if (i + 1 < n && input.at(i + 1) == u'\n') continue;
            if (allowNewlines) out.append(u'\n');
            else out.append(u' ');
            continue;
        }
        if (u == u'\n') {
            out.append(allowNewlines ? u'\n' : u' ');
            continue;
        }
        if (u == u'\t') {
            out.append(u' ');
            continue;
        }
        if (u < 0x20 || (u >= 0x7F && u <= 0x9F)) continue;  // C0 and C1 controls
        out.append(c);
    }
    return out.trimmed();
}

int length(const QString& s) {
    int count = 0;
    for (int i = 0; i < s.size(); ++i) {
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) ++i;
        ++count;
    }
    return count;
}

QString truncate(const QString& s, int max) {
    int count = 0;
    int i = 0;
    while (i < s.size() && count < max) {
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) ++i;
        ++i;
        ++count;
    }
    return s.left(i);
}

QString phoneDigits(const QString& input) {
    QString digits;
    for (QChar c : input) {
        if (c.isSpace() || c == u'-') continue;
        digits.append(c);
    }
    return digits;
}

PhoneProblem checkPhone(const QString& input) {
    const QString d = phoneDigits(input);
    if (d.isEmpty()) return PhoneProblem::Empty;
    for (QChar c : d) {
        if (c < u'0' || c > u'9') return PhoneProblem::NotDigits;
    }
    if (d.size() != 11) return PhoneProblem::WrongLength;
    if (d.at(0) != u'1' || d.at(1) < u'3') return PhoneProblem::NotMobile;
    return PhoneProblem::None;
}

QString maskPhone(const QString& digits) {
    if (digits.size() < 7) return QString(digits.size(), u'*');
    return digits.left(3) + QString(digits.size() - 7, u'*') + digits.right(4);
}

}  // namespace pavilion::text
