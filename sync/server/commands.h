#pragma once
#include <QStringList>
#include <QTextStream>

namespace pavilion::central {

// Runs one pavilion-central command line (without the program name); returns the exit code.
int run(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace pavilion::central
