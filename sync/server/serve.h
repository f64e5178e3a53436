#pragma once
#include <QTextStream>

#include "sync/server/options.h"

namespace pavilion::central {

// Serves until SIGTERM or SIGINT, which the caller must have blocked in every thread (main does it
// first thing) so they can be waited for here. Prints exactly one line on `out` once ready:
//   pavilion-central listening on http://127.0.0.1:PORT
// Returns the exit code.
int serve(const Options& options, QTextStream& out, QTextStream& err);

}  // namespace pavilion::central
