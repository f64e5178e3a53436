#pragma once
// Rules for the text residents type: what is kept, what is removed, how long it may be.
#include <QString>

namespace pavilion::text {

inline constexpr int kMaxDescription = 500;  // characters (code points), shown as a counter
inline constexpr int kMinDescription = 2;
inline constexpr int kMaxShortField = 60;    // names of places, units, categories

// Removes control characters (keeping line breaks where allowed), turns CR/LF into LF,
// drops unpaired surrogates and trims. Emoji, rare CJK characters (extension B and beyond),
// quotes and SQL-looking text are kept verbatim.
QString sanitize(const QString& input, bool allowNewlines = true);
// Length as a person counts it: code points, so an emoji or 𠀀 counts as one.
int length(const QString& s);
// Cuts to at most `max` code points without splitting a surrogate pair.
QString truncate(const QString& s, int max);

enum class PhoneProblem { None, Empty, NotDigits, WrongLength, NotMobile };
// Mainland mobile numbers: 11 digits starting 13-19. Spaces and dashes are ignored.
PhoneProblem checkPhone(const QString& input);
QString phoneDigits(const QString& input);
// "13812345678" -> "138****5678"
QString maskPhone(const QString& digits);

}  // namespace pavilion::text
