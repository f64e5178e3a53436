#pragma once
// Turns events into the state tables. The same code applies a terminal's own events and, later,
// events pulled from the server, so every terminal computes the same state from the same log.
#include "core/event.h"
#include "storage/database.h"

namespace pavilion {

// Applies one event inside the caller's transaction. Event types this build does not know (from a
// newer terminal) are kept in the log and skipped here.
void applyEvent(Database& db, const Event& e);

}  // namespace pavilion
