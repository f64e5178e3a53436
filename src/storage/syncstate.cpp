#include "storage/syncstate.h"

#include <QJsonDocument>

#include "storage/eventlog.h"
#include "storage/projector.h"

namespace pavilion {

namespace {
constexpr char kCursor[] = "cursor";
constexpr char kLastAttempt[] = "last_attempt_at";
constexpr char kLastSuccess[] = "last_success_at";
constexpr char kLastError[] = "last_error";
constexpr char kLastErrorAt[] = "last_error_at";
constexpr char kClockOffset[] = "clock_offset_s";

QString compact(const Event& e) {
    return QString::fromUtf8(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact));
}
}  // namespace

SyncState::SyncState(Database& db, QString terminalId, const Clock& clock)
    : db_(db), terminalId_(std::move(terminalId)), clock_(clock) {}

QList<Event> SyncState::unsent(int limit) { return EventLog(db_).unpushed(terminalId_, limit); }

void SyncState::recordPush(const QList<PushAck>& acks, const QList<PushRefusal>& refusals) {
    Database::Transaction tx(db_);
    for (const PushAck& a : acks) {
        Statement s(db_, "UPDATE events SET pushed = 1, server_seq = ? WHERE id = ? AND terminal_id = ?");
        s.bind(1, a.serverSeq).bind(2, a.eventId).bind(3, terminalId_);
        s.run();
    }
    for (const PushRefusal& r : refusals) {
        Statement s(db_, "UPDATE events SET pushed = 2 WHERE id = ? AND terminal_id = ?");
        s.bind(1, r.eventId).bind(2, terminalId_);
        s.run();
        refuse(r.eventId, "push", r.reason, {});
    }
    tx.commit();
}

PullApplied SyncState::applyPulled(const QList<PulledEvent>& page, qint64 next) {
    PullApplied out;
    EventLog log(db_);
    Database::Transaction tx(db_);
    for (const PulledEvent& p : page) {
        const Event& e = p.event;
        switch (log.insertForeign(e)) {
            case EventLog::InsertResult::Inserted: {
                log.setServerSeq(e.id, p.serverSeq);
                // The log keeps the event whatever happens; a projection that cannot take it (a
                // tracking code already used here, say) must not stop this terminal's sync.
                db_.exec("SAVEPOINT apply_pulled");
                try {
                    applyEvent(db_, e);
                    db_.exec("RELEASE apply_pulled");
                    ++out.inserted;
                } catch (const StoreError& err) {
                    db_.exec("ROLLBACK TO apply_pulled");
                    db_.exec("RELEASE apply_pulled");
                    refuse(e.id, "pull", QStringLiteral("stored but not shown here: %1").arg(err.message()), {});
                    ++out.refused;
                }
                break;
            }
            case EventLog::InsertResult::AlreadyPresent: {
                // Record its number, and if it is our own event still waiting, mark it pushed (the
                // push reply was lost, but the server has it). One statement, and none of the row
                // rewriting when both are already so: the usual case of a round's own events
                // coming back after their push was acknowledged.
                Statement s(db_, "UPDATE events SET server_seq = ?1, pushed = CASE pushed WHEN 0 THEN 1 ELSE pushed END "
                                 "WHERE id = ?2 AND (server_seq IS NOT ?1 OR pushed = 0)");
                s.bind(1, p.serverSeq).bind(2, e.id);
                s.run();
                ++out.known;
                break;
            }
            case EventLog::InsertResult::Conflict:
                refuse(e.id, "pull", QStringLiteral("this terminal holds a different event with this id"), compact(e));
                ++out.refused;
                break;
            case EventLog::InsertResult::SeqTaken:
                refuse(e.id, "pull",
                       QStringLiteral("this terminal holds another event as number %1 of %2")
                           .arg(e.terminalSeq)
                           .arg(e.terminalId),
                       compact(e));
                ++out.refused;
                break;
        }
    }
    setValue(kCursor, QString::number(next));
    tx.commit();
    return out;
}

qint64 SyncState::cursor() { return value(kCursor).toLongLong(); }

void SyncState::recordAttempt() { setValue(kLastAttempt, isoUtc(clock_.now())); }

void SyncState::recordSuccess() {
    Database::Transaction tx(db_);
    setValue(kLastSuccess, isoUtc(clock_.now()));
    setValue(kLastError, {});
    tx.commit();
}

void SyncState::recordFailure(const QString& message) {
    Database::Transaction tx(db_);
    setValue(kLastError, message);
    setValue(kLastErrorAt, isoUtc(clock_.now()));
    tx.commit();
}

void SyncState::setClockOffset(qint64 seconds) { setValue(kClockOffset, QString::number(seconds)); }

qint64 SyncState::clockOffset() { return value(kClockOffset).toLongLong(); }

SyncStatus SyncState::status() {
    SyncStatus s;
    s.cursor = cursor();
    s.waiting = EventLog(db_).countUnpushed(terminalId_);
    s.refused = db_.scalar("SELECT COUNT(*) FROM sync_refused");
    s.lastAttemptAt = value(kLastAttempt);
    s.lastSuccessAt = value(kLastSuccess);
    s.lastError = value(kLastError);
    s.lastErrorAt = value(kLastErrorAt);
    s.clockOffsetSeconds = clockOffset();
    return s;
}

QList<RefusedEvent> SyncState::refused(int limit) {
    QList<RefusedEvent> out;
    Statement s(db_, "SELECT event_id, direction, reason, at FROM sync_refused ORDER BY id DESC LIMIT ?");
    s.bind(1, static_cast<qint64>(limit));
    while (s.step()) out.append({s.text(0), s.text(1), s.text(2), s.text(3)});
    return out;
}

QString SyncState::value(const char* key) {
    Statement s(db_, "SELECT value FROM sync_state WHERE key = ?");
    s.bind(1, QString::fromLatin1(key));
    return s.step() ? s.text(0) : QString();
}

void SyncState::setValue(const char* key, const QString& value) {
    Statement s(db_, "INSERT INTO sync_state(key, value) VALUES(?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.bind(1, QString::fromLatin1(key)).bind(2, value);
    s.run();
}

void SyncState::refuse(const QString& eventId, const char* direction, const QString& reason,
                       const QString& body) {
    Statement s(db_, "INSERT INTO sync_refused(event_id, direction, reason, at, body) VALUES(?,?,?,?,?)");
    s.bind(1, eventId).bind(2, QString::fromLatin1(direction)).bind(3, reason);
    s.bind(4, isoUtc(clock_.now())).bindOptional(5, body);
    s.run();
}

}  // namespace pavilion
