#pragma once
#include <QStringList>
#include <QTextStream>

namespace pavilion::ctl {

// Exit codes: scripts rely on them.
enum Exit : int {
    Ok = 0,
    Failed = 1,      // the store could not do it (disk, corruption, busy)
    Usage = 2,       // the command line is wrong
    NotFound = 3,    // unknown tracking code
    Invalid = 4,     // input refused by a rule (text too long, bad phone, …)
    BadConfig = 5,   // the terminal config is wrong
    Refused = 6,     // data directory of another terminal or a newer schema
    SyncRetryLater = 7,   // sync stopped: no network, server trouble, a reply refused; retry later
    SyncNeedsPerson = 8,  // the server refuses this terminal (revoked, unknown, wrong secret)
};

// Runs one pavilionctl command line (without the program name).
int run(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace pavilion::ctl
