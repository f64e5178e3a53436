#pragma once
// The kiosk's view of sync: runs the SyncService on its own thread (the UI never waits for the
// network) and turns its snapshots into properties for the small indicator on the home screen
// and, later, the details in facilitator mode.
#include <QObject>
#include <QThread>
#include <QtQml/qqmlregistration.h>

#include "sync/client/syncservice.h"

namespace pavilion {

class SyncMonitor : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Kiosk.sync")
    // "off", "up-to-date", "syncing", "waiting", "needs-person"
    Q_PROPERTY(QString health READ health NOTIFY changed)
    Q_PROPERTY(int waiting READ waiting NOTIFY changed)
    Q_PROPERTY(QString lastSuccess READ lastSuccess NOTIFY changed)  // local time, "" if never
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    Q_PROPERTY(int refused READ refused NOTIFY changed)

public:
    // Sync off (no server in the config): the monitor stays "off" and starts nothing.
    explicit SyncMonitor(QObject* parent = nullptr);
    ~SyncMonitor() override;
    // Starts the service thread. `settings` from sync::serviceSettingsFor.
    void start(const sync::ServiceSettings& settings);

    QString health() const { return sync::syncHealthKey(snapshot_.health); }
    int waiting() const { return int(snapshot_.waiting); }
    QString lastSuccess() const;
    QString lastError() const { return snapshot_.lastError; }
    int refused() const { return int(snapshot_.refused); }

    // A resident's action was stored: send it soon.
    void localActionStored();
    Q_INVOKABLE void syncNow();
    // Without running the service (screenshots): what the store says about the last rounds.
    void showStoredStatus(Database& db, const QString& terminalId);
    // For a config whose sync cannot start (no secret yet, bad address): shown as needs-person.
    void showProblem(const QString& message);

signals:
    void changed();
    void dataChanged();  // pulled events changed what screens show

private:
    void apply(const sync::SyncSnapshot& s);

    QThread thread_;
    sync::SyncService* service_ = nullptr;  // lives on thread_
    sync::SyncSnapshot snapshot_;
};

}  // namespace pavilion
