#pragma once
// Keeps a terminal in sync in the background: a round every interval, soon after a local action,
// with back-off after failures, and at once when the network comes back (a cheap connect probe
// while backing off). Lives on its own thread with its own database connection, so neither a
// resident's action nor the UI ever waits for the network. Qt Core only.
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

#include "core/terminalconfig.h"
#include "storage/database.h"
#include "sync/client/backoff.h"
#include "sync/client/httptransport.h"
#include "sync/client/syncclient.h"

namespace pavilion::sync {

enum class SyncHealth {
    Off,          // no server in the config
    UpToDate,     // the last round finished
    Syncing,      // a round is running
    Waiting,      // the last round failed; retrying with back-off (offline, server trouble)
    NeedsPerson,  // enrolment or configuration problem that retrying will not fix
};
QString syncHealthKey(SyncHealth h);  // "off", "up-to-date", …

// What people see about sync (a small indicator; details in facilitator mode).
struct SyncSnapshot {
    SyncHealth health = SyncHealth::Off;
    qint64 waiting = 0;  // own events not yet on the server
    qint64 refused = 0;
    QDateTime lastSuccess;
    QString lastError;   // plain words, empty after a good round
    QDateTime nextAttempt;
};

struct ServiceSettings {
    QString databasePath;
    QString terminalId;
    SyncSettings sync;
    QString secretPath;  // resolved: relative deviceSecretFile is relative to the data directory
    Backoff::Millis backoffBase{5'000};
    Backoff::Millis backoffCap{15 * 60'000};
    int probeIntervalMs = 10'000;
    Backoff::Uniform backoffRandom;  // empty: a real random source (tests pin it)
    int soonDelayMs = 2'000;  // after a local action: a moment, so a burst goes in one batch
    TransportSettings transport;  // origin and TLS filled from `sync` by the service
};

// Resolves the secret path and transport settings from a terminal config. False with a plain
// reason when sync is off or the server address is unusable.
bool serviceSettingsFor(const TerminalConfig& config, const QString& dataDir, ServiceSettings* out,
                        QString* error);

class SyncService : public QObject {
    Q_OBJECT
public:
    explicit SyncService(ServiceSettings settings, QObject* parent = nullptr);
    ~SyncService() override;

    // From any thread: makes a transfer under way give up at once, before stop() is queued.
    void requestStop() { stopping_ = true; }

public slots:
    void start();     // on the service's thread: open the store, read the secret, first round soon
    void stop();      // on the service's thread: timers off, store closed
    void syncSoon();  // a local action: a round shortly, unless backing off
    void syncNow();   // a person asked: a round at once, back-off forgotten

signals:
    void snapshotChanged(const pavilion::sync::SyncSnapshot& snapshot);
    // Pulled events changed what the screens show.
    void dataChanged();

private:
    void runRound();
    void probe();
    void schedule(int ms);
    void publish(SyncHealth health, const QString& error = {});

    ServiceSettings settings_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<HttpTransport> transport_;
    std::unique_ptr<SyncClient> client_;
    Backoff backoff_;
    QTimer roundTimer_;
    QTimer probeTimer_;
    SyncHealth health_ = SyncHealth::Off;
    std::atomic<bool> stopping_{false};
    QString setupError_;
};

}  // namespace pavilion::sync

Q_DECLARE_METATYPE(pavilion::sync::SyncSnapshot)
