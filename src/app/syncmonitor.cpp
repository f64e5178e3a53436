#include "app/syncmonitor.h"

#include <QMetaObject>

#include "storage/syncstate.h"

namespace pavilion {

SyncMonitor::SyncMonitor(QObject* parent) : QObject(parent) {}

SyncMonitor::~SyncMonitor() {
    if (service_) {
        // A transfer under way gives up at once; a transaction under way finishes first.
        service_->requestStop();
        QMetaObject::invokeMethod(service_, &sync::SyncService::stop, Qt::BlockingQueuedConnection);
        thread_.quit();
        thread_.wait();
    }
}

void SyncMonitor::start(const sync::ServiceSettings& settings) {
    if (service_) return;
    thread_.setObjectName(QStringLiteral("sync"));
    service_ = new sync::SyncService(settings);
    service_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, service_, &QObject::deleteLater);
    connect(service_, &sync::SyncService::snapshotChanged, this, &SyncMonitor::apply);
    connect(service_, &sync::SyncService::dataChanged, this, &SyncMonitor::dataChanged);
    thread_.start(QThread::LowPriority);
    QMetaObject::invokeMethod(service_, &sync::SyncService::start);
}

QString SyncMonitor::lastSuccess() const {
    if (!snapshot_.lastSuccess.isValid()) return {};
    const QDateTime local = snapshot_.lastSuccess.toLocalTime();
    const bool today = local.date() == QDate::currentDate();
    return local.toString(today ? QStringLiteral("HH:mm") : QStringLiteral("M月d日 HH:mm"));
}

void SyncMonitor::localActionStored() {
    if (service_) QMetaObject::invokeMethod(service_, &sync::SyncService::syncSoon);
    ++snapshot_.waiting;
    emit changed();
}

void SyncMonitor::syncNow() {
    if (service_) QMetaObject::invokeMethod(service_, &sync::SyncService::syncNow);
}

void SyncMonitor::showStoredStatus(Database& db, const QString& terminalId) {
    const SyncStatus st = SyncState(db, terminalId).status();
    // Never tried: nothing to say yet (the home screen's plain line says reports wait here).
    if (st.lastAttemptAt.isEmpty()) return;
    snapshot_.waiting = st.waiting;
    snapshot_.refused = st.refused;
    snapshot_.lastSuccess = QDateTime::fromString(st.lastSuccessAt, Qt::ISODateWithMs);
    snapshot_.lastError = st.lastError;
    snapshot_.health = st.lastError.isEmpty() && !st.lastSuccessAt.isEmpty() ? sync::SyncHealth::UpToDate
                                                                            : sync::SyncHealth::Waiting;
    emit changed();
}

void SyncMonitor::showProblem(const QString& message) {
    snapshot_.health = sync::SyncHealth::NeedsPerson;
    snapshot_.lastError = message;
    emit changed();
}

void SyncMonitor::apply(const sync::SyncSnapshot& s) {
    snapshot_ = s;
    emit changed();
}

}  // namespace pavilion
