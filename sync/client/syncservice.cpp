#include "sync/client/syncservice.h"

#include <QDir>
#include <QLoggingCategory>

#include "storage/syncstate.h"

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace pavilion::sync {

QString syncHealthKey(SyncHealth h) {
    switch (h) {
        case SyncHealth::Off: return QStringLiteral("off");
        case SyncHealth::UpToDate: return QStringLiteral("up-to-date");
        case SyncHealth::Syncing: return QStringLiteral("syncing");
        case SyncHealth::Waiting: return QStringLiteral("waiting");
        case SyncHealth::NeedsPerson: return QStringLiteral("needs-person");
    }
    return {};
}

bool serviceSettingsFor(const TerminalConfig& config, const QString& dataDir, ServiceSettings* out,
                        QString* error) {
    if (config.sync.serverUrl.isEmpty()) {
        *error = QStringLiteral("sync is off: the terminal config names no server (sync.serverUrl)");
        return false;
    }
    ServiceSettings s;
    if (!parseServerOrigin(config.sync.serverUrl, &s.transport.origin, error)) return false;
    s.transport.caFile = config.sync.caFile;
    s.transport.pinnedPublicKey = config.sync.pinnedKeySha256;
    s.databasePath = QDir(dataDir).filePath(QStringLiteral("pavilion.db"));
    s.terminalId = config.terminalId;
    s.sync = config.sync;
    s.secretPath = QDir(dataDir).filePath(config.sync.deviceSecretFile);  // absolute stays absolute
    *out = s;
    return true;
}

SyncService::SyncService(ServiceSettings settings, QObject* parent)
    : QObject(parent),
      settings_(std::move(settings)),
      backoff_(settings_.backoffBase, settings_.backoffCap, settings_.backoffRandom),
      roundTimer_(this),
      probeTimer_(this) {
    qRegisterMetaType<SyncSnapshot>();
    roundTimer_.setSingleShot(true);
    connect(&roundTimer_, &QTimer::timeout, this, &SyncService::runRound);
    probeTimer_.setInterval(settings_.probeIntervalMs);
    connect(&probeTimer_, &QTimer::timeout, this, &SyncService::probe);
}

SyncService::~SyncService() = default;

void SyncService::start() {
    QByteArray secret;
    QString why;
    try {
        Database::Options o;
        o.runIntegrityCheck = false;  // the kiosk checked the file when it opened it
        o.autoCheckpoint = false;     // the kiosk checkpoints between residents
        db_ = Database::open(settings_.databasePath, o);
    } catch (const StoreError& e) {
        setupError_ = QStringLiteral("sync cannot open the terminal's store: %1").arg(e.message());
        publish(SyncHealth::NeedsPerson, setupError_);
        return;
    }
    if (!readDeviceSecret(settings_.secretPath, &secret, &why)) {
        setupError_ = why;
        publish(SyncHealth::NeedsPerson, why);
        // The secret may be put in place later (enrolment after installation): look again.
        schedule(int(settings_.backoffCap.count()));
        return;
    }
    transport_ = std::make_unique<HttpTransport>(settings_.transport);
    transport_->setCancelFlag(&stopping_);
    client_ = std::make_unique<SyncClient>(*db_, *transport_, Credentials{settings_.terminalId, secret});
    setupError_.clear();
    publish(SyncHealth::UpToDate);
    schedule(0);
}

void SyncService::stop() {
    roundTimer_.stop();
    probeTimer_.stop();
    client_.reset();
    transport_.reset();
    db_.reset();
}

void SyncService::syncSoon() {
    if (!client_ || health_ == SyncHealth::Waiting || health_ == SyncHealth::NeedsPerson) return;
    if (!roundTimer_.isActive() || roundTimer_.remainingTime() > settings_.soonDelayMs)
        schedule(settings_.soonDelayMs);
}

void SyncService::syncNow() {
    backoff_.reset();
    if (!client_) {
        start();
        return;
    }
    schedule(0);
}

void SyncService::schedule(int ms) {
    roundTimer_.start(std::max(0, ms));
}

void SyncService::runRound() {
    if (!client_) {
        start();  // the secret file was missing: maybe it is there now
        return;
    }
    probeTimer_.stop();
    publish(SyncHealth::Syncing);
    RoundReport r;
    try {
        r = client_->runRound();
    } catch (const StoreError& e) {
        // The disk, not the network: keep what is stored, try again later.
        r.result = RoundResult::RetryLater;
        r.message = QStringLiteral("sync could not write to the terminal's store: %1").arg(e.message());
    }
    if (r.applied > 0) {
        try {
            db_->checkpoint();
        } catch (const StoreError&) {
            // the WAL keeps the data; the kiosk checkpoints again later
        }
        emit dataChanged();
    }
    switch (r.result) {
        case RoundResult::Done:
            backoff_.reset();
            schedule(settings_.sync.intervalSeconds * 1000);
            publish(SyncHealth::UpToDate);
            break;
        case RoundResult::RetryLater: {
            qint64 wait = backoff_.nextDelay().count();
            wait = std::max<qint64>(wait, qint64(r.retryAfterSeconds) * 1000);
            schedule(int(std::min<qint64>(wait, settings_.backoffCap.count())));
            // Offline: notice the network's return before the wait is over. A server that answers
            // with errors is not probed, or every terminal would knock every few seconds.
            if (r.networkFailure) probeTimer_.start();
            publish(SyncHealth::Waiting, r.message);
            break;
        }
        case RoundResult::NeedsPerson:
            schedule(int(settings_.backoffCap.count()));
            publish(SyncHealth::NeedsPerson, r.message);
            break;
    }
}

void SyncService::probe() {
    if (!transport_ || !roundTimer_.isActive()) return;
    if (transport_->probe().ok()) {
        qCInfo(lcSync) << "the server is reachable again; syncing now";
        // The back-off is not forgotten here: if the server is reachable but the round still
        // fails, the waits keep growing (the probe then costs one round per probe interval).
        probeTimer_.stop();
        schedule(0);
    }
}

void SyncService::publish(SyncHealth health, const QString& error) {
    health_ = health;
    SyncSnapshot s;
    s.health = health;
    s.lastError = error;
    if (db_) {
        try {
            const SyncStatus st = SyncState(*db_, settings_.terminalId).status();
            s.waiting = st.waiting;
            s.refused = st.refused;
            s.lastSuccess = QDateTime::fromString(st.lastSuccessAt, Qt::ISODateWithMs);
            if (s.lastError.isEmpty() && health != SyncHealth::UpToDate) s.lastError = st.lastError;
        } catch (const StoreError&) {
        }
    }
    if (roundTimer_.isActive()) s.nextAttempt = QDateTime::currentDateTimeUtc().addMSecs(roundTimer_.remainingTime());
    emit snapshotChanged(s);
}

}  // namespace pavilion::sync
