#pragma once
// pavilionctl ime: the Chinese input engines from the command line (try a spelling, check a
// handwriting fixture, see whether the data files load). Opens no store, needs no --data-dir.
#include <QStringList>
#include <QTextStream>

namespace pavilion::ctl {

extern const char kImeUsage[];

// True when the command is "ime", after any leading --data-dir/--config pairs.
bool isImeCommand(const QStringList& args);
// Runs "… ime SUBCOMMAND …" (the whole command line, without the program name). Exit codes: Ok,
// Usage, Invalid (the input file or spelling), Failed (an engine or its data file is missing).
int runIme(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace pavilion::ctl
