#pragma once
// Tracking codes residents take home: 8 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L, and no Z beside 2), the last one a Luhn mod N check so a mistyped code is told
// apart from an unknown one. Luhn mod N catches every single-character substitution only when N
// is even, hence 30 characters.
#include <QString>

namespace pavilion::tracking {

inline constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXY";
inline constexpr int kAlphabetSize = sizeof(kAlphabet) - 1;  // 30
static_assert(kAlphabetSize % 2 == 0, "Luhn mod N needs an even alphabet");
inline constexpr int kLength = 8;

enum class CodeProblem { None, Empty, WrongLength, LookAlike, BadCharacter, BadCheck };

struct Normalized {
    QString code;  // upper case, separators removed
    CodeProblem problem = CodeProblem::None;
    bool ok() const { return problem == CodeProblem::None; }
};

// A new random code (7 random characters from the system RNG plus the check character).
QString generate();
QChar checkCharacter(const QString& payload);
bool hasValidCheck(const QString& code);
// Accepts what a person types: lower case, spaces, dashes.
Normalized normalize(const QString& input);
// "K7QM3HXP" -> "K7QM 3HXP": two groups of four are easier to read aloud and copy.
QString display(const QString& code);

}  // namespace pavilion::tracking
