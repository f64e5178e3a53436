#pragma once
// The terminal as QML sees it: its config, its store, and the lists every screen shares.
// main() (or a test) builds one with a config and a data directory, then QML gets it as the
// `Kiosk` singleton.
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <memory>

#include "app/choicemodel.h"
#include "app/issuelistmodel.h"
#include "app/syncmonitor.h"
#include "core/terminalconfig.h"
#include "storage/database.h"
#include "storage/issuestore.h"

class QQmlEngine;
class QJSEngine;

namespace pavilion {

class Kiosk : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString communityName READ communityName CONSTANT)
    Q_PROPERTY(QString venue READ venue CONSTANT)
    Q_PROPERTY(QString role READ role CONSTANT)
    Q_PROPERTY(int idleTimeoutSeconds READ idleTimeoutSeconds CONSTANT)
    Q_PROPERTY(ChoiceModel* categories READ categories CONSTANT)
    Q_PROPERTY(ChoiceModel* compounds READ compounds CONSTANT)
    Q_PROPERTY(IssueListModel* recent READ recent CONSTANT)
    Q_PROPERTY(int unsentCount READ unsentCount NOTIFY storeChanged)
    Q_PROPERTY(int issueCount READ issueCount NOTIFY storeChanged)
    Q_PROPERTY(SyncMonitor* sync READ sync CONSTANT)

public:
    // Throws StoreError (database refused) after the config has been checked by the caller.
    Kiosk(TerminalConfig config, const QString& dataDir, QObject* parent = nullptr);
    ~Kiosk() override;

    static Kiosk* instance() { return s_instance; }
    static void setInstance(Kiosk* k) { s_instance = k; }
    static Kiosk* create(QQmlEngine*, QJSEngine*);

    // Labels and icons for category ids; fall back to the standard list.
    static QString categoryLabel(const QString& id);
    static QString categoryIcon(const QString& id);

    QString communityName() const { return config_.communityName; }
    QString venue() const { return config_.venue; }
    QString role() const { return roleKey(config_.role); }
    int idleTimeoutSeconds() const { return config_.idleTimeoutSeconds; }
    ChoiceModel* categories() { return &categories_; }
    ChoiceModel* compounds() { return &compounds_; }
    IssueListModel* recent() { return &recent_; }
    SyncMonitor* sync() { return &sync_; }
    // Starts background sync when the config names a server. `running` false (screenshots, tests):
    // only shows what the store says about sync, talks to no one.
    void startSync(const QString& dataDir, bool running = true);
    int unsentCount() const { return static_cast<int>(counts_.unpushed); }
    int issueCount() const { return static_cast<int>(counts_.issues); }

    const TerminalConfig& config() const { return config_; }
    IssueStore& store() { return *store_; }

    Q_INVOKABLE QString trackingUrl(const QString& code) const { return config_.trackingUrl(code); }
    Q_INVOKABLE void refreshRecent();
    // Between residents: checkpoint the WAL and refresh the lists (called when the shell goes home).
    Q_INVOKABLE void maintenance();
    // Buildings and public areas of one compound, for the location screen.
    QList<Choice> buildingsOf(const QString& compound) const;
    QList<Choice> unitsOf(const QString& compound, const QString& building) const;
    QList<Choice> publicAreasOf(const QString& compound) const;  // "" = community areas

    void notifyStoreChanged();  // recounts (another writer may have added events)
    // After this terminal's own action: the counts move without a scan of the tables.
    void noteLocalAction(bool newIssue);

signals:
    void storeChanged();

private:
    static inline Kiosk* s_instance = nullptr;
    TerminalConfig config_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<IssueStore> store_;
    ChoiceModel categories_;
    ChoiceModel compounds_;
    IssueListModel recent_;
    IssueStore::Counts counts_;
    QTimer checkpointTimer_;
    SyncMonitor sync_;
};

}  // namespace pavilion
