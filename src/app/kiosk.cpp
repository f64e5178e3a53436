#include "app/kiosk.h"

#include <QDir>
#include <QJSEngine>

#include "storage/eventlog.h"

namespace pavilion {

Kiosk::Kiosk(TerminalConfig config, const QString& dataDir, QObject* parent)
    : QObject(parent), config_(std::move(config)) {
    if (!QDir().mkpath(dataDir))
        throw StoreError(StoreError::Kind::Io, QStringLiteral("cannot create the data directory %1").arg(dataDir));
    Database::Options options;
    options.autoCheckpoint = false;
    db_ = Database::open(QDir(dataDir).filePath(QStringLiteral("pavilion.db")), options);
    const QString terminalId = EventLog::bindTerminal(*db_, config_.terminalId);
    store_ = std::make_unique<IssueStore>(*db_, terminalId);

    QList<Choice> cats;
    for (const Category& c : config_.categories) cats << Choice{c.id, c.label, c.icon, {}};
    categories_.setItems(cats);
    QList<Choice> compounds;
    for (const Compound& c : config_.compounds)
        compounds << Choice{c.name, c.name, QStringLiteral("compound"), QStringLiteral("%1栋楼").arg(c.buildings.size())};
    compounds_.setItems(compounds);
    refreshRecent();
    counts_ = store_->counts();
    checkpointTimer_.setInterval(30000);
    connect(&checkpointTimer_, &QTimer::timeout, this, [this] {
        try {
            db_->checkpoint();
        } catch (const StoreError& e) {
            qWarning("checkpoint failed: %s", e.what());  // the WAL keeps the data; retried next time
        }
    });
    checkpointTimer_.start();
    // Counts change at once; the lists wait for maintenance() at home, so nothing moves under a
    // resident's finger.
    connect(&sync_, &SyncMonitor::dataChanged, this, &Kiosk::notifyStoreChanged);
}

void Kiosk::startSync(const QString& dataDir, bool running) {
    sync::ServiceSettings s;
    QString why;
    if (config_.sync.serverUrl.isEmpty()) return;  // sync off: the indicator says nothing
    if (!running) {
        sync_.showStoredStatus(*db_, store_->terminalId());
        return;
    }
    if (!sync::serviceSettingsFor(config_, dataDir, &s, &why)) {
        sync_.showProblem(why);
        return;
    }
    sync_.start(s);
}

Kiosk::~Kiosk() {
    if (s_instance == this) s_instance = nullptr;
}

Kiosk* Kiosk::create(QQmlEngine*, QJSEngine*) {
    Q_ASSERT_X(s_instance, "Kiosk::create", "main() must construct the Kiosk before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString Kiosk::categoryLabel(const QString& id) {
    if (s_instance) {
        if (const Category* c = s_instance->config_.category(id)) return c->label;
    }
    const Category* c = findStandardCategory(id);
    return c ? c->label : id;
}

QString Kiosk::categoryIcon(const QString& id) {
    if (s_instance) {
        if (const Category* c = s_instance->config_.category(id)) return c->icon;
    }
    const Category* c = findStandardCategory(id);
    return c ? c->icon : QStringLiteral("other");
}

void Kiosk::notifyStoreChanged() {
    counts_ = store_->counts();
    emit storeChanged();
}

void Kiosk::noteLocalAction(bool newIssue) {
    if (newIssue) ++counts_.issues;
    ++counts_.unpushed;
    ++counts_.events;
    sync_.localActionStored();
    emit storeChanged();
}

void Kiosk::maintenance() {
    try {
        db_->checkpoint();
        refreshRecent();
        notifyStoreChanged();  // another writer (pavilionctl, later sync) may have added issues
    } catch (const StoreError& e) {
        qWarning("maintenance failed: %s", e.what());
    }
}

void Kiosk::refreshRecent() {
    IssueFilter f;
    f.limit = 30;
    recent_.setIssues(store_->list(f));
}

QList<Choice> Kiosk::buildingsOf(const QString& compound) const {
    QList<Choice> out;
    for (const Compound& c : config_.compounds) {
        if (c.name != compound) continue;
        for (const Building& b : c.buildings) out << Choice{b.name, b.name, QStringLiteral("building"), {}};
    }
    return out;
}

QList<Choice> Kiosk::unitsOf(const QString& compound, const QString& building) const {
    QList<Choice> out;
    for (const Compound& c : config_.compounds) {
        if (c.name != compound) continue;
        for (const Building& b : c.buildings) {
            if (b.name != building) continue;
            for (const QString& u : b.units) out << Choice{u, u, QStringLiteral("unit"), {}};
        }
    }
    return out;
}

QList<Choice> Kiosk::publicAreasOf(const QString& compound) const {
    QList<Choice> out;
    if (compound.isEmpty()) {
        for (const QString& a : config_.communityAreas) out << Choice{a, a, QStringLiteral("area"), {}};
        return out;
    }
    for (const Compound& c : config_.compounds) {
        if (c.name != compound) continue;
        for (const QString& a : c.publicAreas) out << Choice{a, a, QStringLiteral("area"), {}};
    }
    return out;
}

}  // namespace pavilion
