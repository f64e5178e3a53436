#include "ctl/synccommands.h"

#include "ctl/commands.h"
#include "storage/syncstate.h"
#include "sync/client/syncservice.h"

namespace pavilion::ctl {

int syncNow(Database& db, const std::optional<TerminalConfig>& config, const QString& dataDir,
            QTextStream& out, QTextStream& err) {
    if (!config) {
        err << "pavilionctl: sync now needs --config FILE (the server's address and the device secret)\n";
        return Usage;
    }
    sync::ServiceSettings s;
    QString why;
    if (!sync::serviceSettingsFor(*config, dataDir, &s, &why)) {
        err << "pavilionctl: " << why << "\n";
        return BadConfig;
    }
    QByteArray secret;
    if (!sync::readDeviceSecret(s.secretPath, &secret, &why)) {
        err << "pavilionctl: " << why << "\n";
        return SyncNeedsPerson;
    }
    sync::HttpTransport transport(s.transport);
    sync::SyncClient client(db, transport, sync::Credentials{config->terminalId, secret});
    const sync::RoundReport r = client.runRound();
    out << "pushed " << r.pushed << " (" << r.duplicates << " already on the server, " << r.refusedByServer
        << " refused by the server)\n"
        << "pulled " << r.pulled << " (" << r.applied << " new here, " << r.refusedHere << " refused here)\n";
    switch (r.result) {
        case sync::RoundResult::Done:
            out << "in sync with " << s.transport.origin.text() << "\n";
            return Ok;
        case sync::RoundResult::RetryLater:
            err << "pavilionctl: sync did not finish, try again later: " << r.message << "\n";
            return SyncRetryLater;
        case sync::RoundResult::NeedsPerson:
            err << "pavilionctl: the server refuses this terminal: " << r.message << "\n";
            return SyncNeedsPerson;
    }
    return Failed;
}

int syncStatus(Database& db, const QString& terminalId, const std::optional<TerminalConfig>& config,
               QTextStream& out) {
    SyncState state(db, terminalId);
    const SyncStatus s = state.status();
    auto orNever = [](const QString& t) { return t.isEmpty() ? QStringLiteral("never") : t; };
    out << "server:         "
        << (config ? (config->sync.serverUrl.isEmpty() ? QStringLiteral("none (sync off)") : config->sync.serverUrl)
                   : QStringLiteral("(pass --config to show)"))
        << "\n"
        << "waiting:        " << s.waiting << " events not yet on the server\n"
        << "cursor:         " << s.cursor << "\n"
        << "last attempt:   " << orNever(s.lastAttemptAt) << "\n"
        << "last success:   " << orNever(s.lastSuccessAt) << "\n"
        << "last error:     " << (s.lastError.isEmpty() ? QStringLiteral("none") : s.lastError) << "\n";
    if (s.clockOffsetSeconds != 0)
        out << "clock:          this terminal's clock is off by " << s.clockOffsetSeconds / 60
            << " minutes (corrected for sync; check NTP)\n";
    out << "refused events: " << s.refused << "\n";
    for (const RefusedEvent& r : state.refused(20))
        out << "  " << r.at << "  " << r.direction << "  " << r.eventId << "  " << r.reason << "\n";
    return Ok;
}

}  // namespace pavilion::ctl
