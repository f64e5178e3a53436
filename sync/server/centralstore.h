#pragma once
// What pavilion-central keeps: enrolled devices, accepted nonces, the global event log (with the
// same projection terminals keep) and conflicting copies set aside. An interface so a PostgreSQL
// store can stand beside the SQLite one; several server processes may share one store, so all
// request state lives here and none in process memory.
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

#include "core/event.h"
#include "sync/protocol/pull.h"
#include "sync/protocol/push.h"

namespace pavilion::central {

struct DeviceRecord {
    QString id;
    QString role;
    QByteArray secret;  // 64 lowercase hex characters; the HMAC key is this text
    QString createdAt;  // ISO 8601 UTC
    QString revokedAt;  // empty while the device may sync
    bool revoked() const { return !revokedAt.isEmpty(); }
};

struct ConflictRecord {
    QString receivedAt;  // ISO 8601 UTC
    QString device;
    QString eventId;
    QString reason;
    QByteArray body;  // the refused event's canonical JSON
};

class CentralStore {
public:
    virtual ~CentralStore() = default;

    // False when a device with this id exists already (nothing is changed then).
    virtual bool addDevice(const DeviceRecord& device) = 0;
    // False when there is no such device. Revoking twice keeps the first time.
    virtual bool revokeDevice(const QString& id, const QDateTime& at) = 0;
    virtual std::optional<DeviceRecord> findDevice(const QString& id) = 0;
    virtual QList<DeviceRecord> devices() = 0;

    // Records that `device` used `nonce` at `nowUnixSeconds`; false when it had already used it
    // and the record has not expired. Forgets records older than twice the clock-skew window.
    virtual bool rememberNonce(const QString& device, const QByteArray& nonce,
                               qint64 nowUnixSeconds) = 0;

    // One push batch (PROTOCOL.md §5), durable when this returns: every event is stored, found to
    // be a duplicate, or kept aside as a conflict.
    virtual sync::PushReply push(const QString& device, const QList<Event>& events,
                                 const QDateTime& receivedAt) = 0;
    // Events with serverSeq > after in serverSeq order: at most `limit`, and fewer when the page
    // would grow past maxPageBytes of JSON (always at least one event when there is one).
    virtual sync::PullPage pull(qint64 after, int limit, qsizetype maxPageBytes) = 0;

    virtual QList<ConflictRecord> conflicts() = 0;
};

// Opens the store named by a --db value ("sqlite:PATH"). Throws StoreError when the store cannot
// be used; returns null and sets `error` when the value itself is wrong.
std::unique_ptr<CentralStore> openCentralStore(const QString& spec, QString* error);

}  // namespace pavilion::central
