#pragma once
// Loads the demo community's issues (assets/demo/issues.json, drawn from the seeds) through the
// ordinary store actions, back-dated so the screens look like a community in use.
#include <QString>

#include "storage/database.h"

namespace pavilion::ctl {

// Returns how many issues were reported; throws StoreError or std::runtime_error with a message
// naming the file and entry for a malformed file.
int loadDemoIssues(Database& db, const QString& terminalId, const QString& file);

}  // namespace pavilion::ctl
