#pragma once
// pavilionctl sync now|status: the sync engine driven without the UI.
#include <QTextStream>
#include <optional>

#include "core/terminalconfig.h"
#include "storage/database.h"

namespace pavilion::ctl {

// One sync round with the server in the config; prints what moved. Exit code per commands.h.
int syncNow(Database& db, const std::optional<TerminalConfig>& config, const QString& dataDir,
            QTextStream& out, QTextStream& err);
// What waits, when the last round succeeded, the last error, and the events that were refused.
int syncStatus(Database& db, const QString& terminalId, const std::optional<TerminalConfig>& config,
               QTextStream& out);

}  // namespace pavilion::ctl
