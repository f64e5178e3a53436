#pragma once
// The server's log: plain lines on stderr, one write each so lines from different threads do not
// interleave. Never bodies, never secrets.
#include <QString>

namespace pavilion::central {

void logLine(const QString& line);

}  // namespace pavilion::central
