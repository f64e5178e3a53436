#pragma once
// The operator's commands: enrol, revoke and list devices; list conflicting events.
#include <QTextStream>

#include "sync/server/centralstore.h"
#include "sync/server/options.h"

namespace pavilion::central {

// Each returns the exit code (exitcodes.h).
int deviceAdd(CentralStore& store, const Options& options, QTextStream& out, QTextStream& err);
int deviceRevoke(CentralStore& store, const Options& options, QTextStream& out, QTextStream& err);
int deviceList(CentralStore& store, QTextStream& out);
int listConflicts(CentralStore& store, QTextStream& out);

// Checks what device add can check before the store is opened: the id and the server URL.
// False with a plain message (exit code Usage).
bool checkDeviceAdd(const Options& options, QString* error);

}  // namespace pavilion::central
