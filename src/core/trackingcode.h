#pragma once
// Tracking codes residents take home: 8 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), the last one a Luhn mod N check so a mistyped code is told apart from
// an unknown one.
#include <QString>

namespace pavilion::tracking {

inline constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr int kAlphabetSize = sizeof(kAlphabet) - 1;  // 31
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
