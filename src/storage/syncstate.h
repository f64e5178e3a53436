#pragma once
// The terminal's side of sync in the store: which events wait to be pushed, the pull cursor, what
// the server acknowledged or refused, and the status people see. Every change that belongs to one
// server reply happens in one transaction, so a power cut leaves either the whole reply applied or
// none of it (and the next round repeats it: push and pull are idempotent).
#include <QList>
#include <QString>

#include "core/clock.h"
#include "core/event.h"
#include "storage/database.h"

namespace pavilion {

struct PushAck {
    QString eventId;
    qint64 serverSeq = 0;
};

struct PushRefusal {
    QString eventId;
    QString reason;
};

struct PulledEvent {
    Event event;
    qint64 serverSeq = 0;
};

// What one pulled page did here.
struct PullApplied {
    int inserted = 0;   // new to this terminal, applied to the projection
    int known = 0;      // already here (our own, or seen before): only numbered
    int refused = 0;    // clash with what this terminal holds, or the projection refused it
};

struct RefusedEvent {
    QString eventId;
    QString direction;  // "push" or "pull"
    QString reason;
    QString at;
};

struct SyncStatus {
    qint64 cursor = 0;
    qint64 waiting = 0;   // own events not acknowledged yet
    qint64 refused = 0;   // entries in the refused list
    QString lastAttemptAt, lastSuccessAt, lastError, lastErrorAt;
    qint64 clockOffsetSeconds = 0;  // server minus terminal, learnt from a "stale" refusal
};

class SyncState {
public:
    SyncState(Database& db, QString terminalId, const Clock& clock = Clock::system());

    QList<Event> unsent(int limit);
    // One server reply to a push: acknowledged events become pushed with their number; refused
    // ones are set aside with the reason and never sent again.
    void recordPush(const QList<PushAck>& acks, const QList<PushRefusal>& refusals);
    // One pulled page: new events are stored and applied, known ones numbered, the cursor moved to
    // `next`, all in one transaction.
    PullApplied applyPulled(const QList<PulledEvent>& page, qint64 next);

    qint64 cursor();
    void recordAttempt();
    void recordSuccess();
    void recordFailure(const QString& message);
    void setClockOffset(qint64 seconds);
    qint64 clockOffset();
    SyncStatus status();
    QList<RefusedEvent> refused(int limit = 100);

private:
    QString value(const char* key);
    void setValue(const char* key, const QString& value);
    void refuse(const QString& eventId, const char* direction, const QString& reason,
                const QString& body);

    Database& db_;
    QString terminalId_;
    const Clock& clock_;
};

}  // namespace pavilion
