#include "sync/server/sqlitecentralstore.h"

#include <QJsonDocument>

#include "core/clock.h"
#include "storage/eventlog.h"
#include "storage/projector.h"
#include "sync/protocol/protocol.h"
#include "sync/server/serverlog.h"

namespace pavilion::central {

namespace {

// The server's own tables, beside the product schema (storage/migrations.cpp) that Database::open
// applies. Prefixed "central_" so they can never meet a table a later terminal migration adds
// (a terminal keeps its own "conflicts", PROTOCOL.md §6.1). Versioned by the meta row
// "central_schema"; append new steps, never edit old ones.
struct Step {
    int version;
    const char* sql;
};
const Step kCentralSchema[] = {
    {1, R"sql(
CREATE TABLE central_devices(
  id          TEXT PRIMARY KEY,
  role        TEXT NOT NULL,
  secret      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
-- (device, nonce) pairs accepted in the last 600 s (PROTOCOL.md §3.4 step 7). In the database,
-- not in memory: a restart or a second server process must refuse a replay too.
CREATE TABLE central_nonces(
  device      TEXT NOT NULL,
  nonce       TEXT NOT NULL,
  expires_at  INTEGER NOT NULL,
  PRIMARY KEY(device, nonce)
) WITHOUT ROWID;
CREATE INDEX central_nonces_by_expiry ON central_nonces(expires_at);
-- Pushed events refused because the server holds a different event with their id or with their
-- (terminal, seq). Kept for the operator; never part of the global order.
CREATE TABLE central_conflicts(
  event_id     TEXT NOT NULL,
  device       TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  reason       TEXT NOT NULL,
  body         TEXT NOT NULL
);
CREATE INDEX central_conflicts_by_event ON central_conflicts(event_id);
)sql"},
};

// Whole statements rather than a shared prefix glued on per call: the text is the key of the
// prepared-statement cache, and building it cost an allocation and a copy every time.
#define PAVILION_SELECT_EVENT \
    "SELECT local_seq, id, terminal_id, terminal_seq, type, occurred_at, payload FROM events "

Event readEvent(const Statement& s) {
    Event e;
    e.id = s.text(1);
    e.terminalId = s.text(2);
    e.terminalSeq = s.int64(3);
    e.type = s.text(4);
    e.occurredAt = parseIsoUtc(s.text(5));
    e.payload = QJsonDocument::fromJson(s.text(6).toUtf8()).object();
    return e;
}

DeviceRecord readDevice(const Statement& s) {
    DeviceRecord d;
    d.id = s.text(0);
    d.role = s.text(1);
    d.secret = s.text(2).toLatin1();
    d.createdAt = s.text(3);
    d.revokedAt = s.text(4);
    return d;
}

// Nonces are kept until their request's timestamp can no longer be fresh: the timestamp is at most
// kMaxClockSkewSeconds ahead of the server when accepted, and fresh for that long again.
constexpr qint64 kNonceLifetimeSeconds = 2 * sync::kMaxClockSkewSeconds;

}  // namespace

int SqliteCentralStore::schemaVersion() {
    return std::size(kCentralSchema);
}

std::unique_ptr<SqliteCentralStore> SqliteCentralStore::open(const QString& path) {
    std::unique_ptr<SqliteCentralStore> store(new SqliteCentralStore(Database::open(path)));
    // Every pushed event lands on random pages of the UUID indexes (events.id, issue_timeline's
    // key); with SQLite's default 2 MiB cache a large log misses and spills dirty pages to the WAL
    // in the middle of a batch. A server can spare 64 MiB; durability does not depend on it.
    store->db_->exec("PRAGMA cache_size=-65536");
    store->migrateCentralSchema();
    return store;
}

void SqliteCentralStore::migrateCentralSchema() {
    Database& db = *db_;
    Database::Transaction tx(db);
    qint64 current = 0;
    {
        Statement s(db, "SELECT value FROM meta WHERE key = 'central_schema'");
        if (s.step()) current = s.text(0).toLongLong();
    }
    if (current > schemaVersion())
        throw StoreError(StoreError::Kind::NewerSchema,
                         QStringLiteral("%1 was written by a newer pavilion-central (server schema "
                                        "version %2; this build knows up to %3). Install the newer "
                                        "version; the file was not changed.")
                             .arg(db.path())
                             .arg(current)
                             .arg(schemaVersion()));
    if (current == schemaVersion()) return;  // the transaction rolls back: nothing was written
    for (const Step& step : kCentralSchema) {
        if (step.version <= current) continue;
        db.exec(step.sql);
    }
    Statement set(db, "INSERT OR REPLACE INTO meta(key, value) VALUES('central_schema', ?)");
    set.bind(1, QString::number(schemaVersion()));
    set.run();
    tx.commit();
}

bool SqliteCentralStore::addDevice(const DeviceRecord& device) {
    std::lock_guard lock(mutex_);
    Database::Transaction tx(*db_);
    Statement s(*db_,
                "INSERT OR IGNORE INTO central_devices(id, role, secret, created_at, revoked_at) "
                "VALUES(?,?,?,?,NULL)");
    s.bind(1, device.id).bind(2, device.role).bind(3, QString::fromLatin1(device.secret));
    s.bind(4, device.createdAt);
    s.run();
    if (db_->changes() == 0) return false;
    tx.commit();
    return true;
}

bool SqliteCentralStore::revokeDevice(const QString& id, const QDateTime& at) {
    std::lock_guard lock(mutex_);
    Database::Transaction tx(*db_);
    {
        Statement exists(*db_, "SELECT 1 FROM central_devices WHERE id = ?");
        exists.bind(1, id);
        if (!exists.step()) return false;
    }
    Statement s(*db_,
                "UPDATE central_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    s.bind(1, isoUtc(at)).bind(2, id);
    s.run();
    tx.commit();
    return true;
}

std::optional<DeviceRecord> SqliteCentralStore::findDevice(const QString& id) {
    std::lock_guard lock(mutex_);
    Statement s(
        *db_, "SELECT id, role, secret, created_at, revoked_at FROM central_devices WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readDevice(s);
}

QList<DeviceRecord> SqliteCentralStore::devices() {
    std::lock_guard lock(mutex_);
    QList<DeviceRecord> out;
    Statement s(*db_,
                "SELECT id, role, secret, created_at, revoked_at FROM central_devices ORDER BY id");
    while (s.step()) out << readDevice(s);
    return out;
}

bool SqliteCentralStore::rememberNonce(const QString& device, const QByteArray& nonce,
                                       qint64 nowUnixSeconds) {
    std::lock_guard lock(mutex_);
    Database::Transaction tx(*db_);
    {
        Statement expire(*db_, "DELETE FROM central_nonces WHERE expires_at < ?");
        expire.bind(1, nowUnixSeconds);
        expire.run();
    }
    Statement s(*db_,
                "INSERT OR IGNORE INTO central_nonces(device, nonce, expires_at) VALUES(?,?,?)");
    s.bind(1, device).bind(2, QString::fromLatin1(nonce));
    s.bind(3, nowUnixSeconds + kNonceLifetimeSeconds);
    s.run();
    const bool fresh = db_->changes() == 1;
    tx.commit();  // also when refused: the expiry sweep is worth keeping
    return fresh;
}

void SqliteCentralStore::keepConflict(const Event& e, const QString& device,
                                      const QString& receivedAt, const QString& reason) {
    // The same refused copy pushed again (a lost reply) is kept once: push stays idempotent.
    const QString body = QString::fromUtf8(e.canonicalJson());
    Statement s(*db_,
                "INSERT INTO central_conflicts(event_id, device, received_at, reason, body) "
                "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS "
                "(SELECT 1 FROM central_conflicts WHERE event_id = ?1 AND body = ?5)");
    s.bind(1, e.id).bind(2, device).bind(3, receivedAt).bind(4, reason).bind(5, body);
    s.run();
}

void SqliteCentralStore::project(const Event& e) {
    // The log is the record; the projection is derived from it. An event the projection cannot
    // take (say two terminals made the same tracking code) must not block its terminal's sync
    // forever, so the projection's part is rolled back alone and the event stays stored. Disk and
    // lock failures are real failures of the batch and go up.
    // Prepared (and kept) statements rather than Database::exec, which parsed the SQL again for
    // every event.
    Statement(*db_, "SAVEPOINT project").run();
    try {
        applyEvent(*db_, e);
    } catch (const StoreError& error) {
        Statement(*db_, "ROLLBACK TO project").run();
        Statement(*db_, "RELEASE project").run();
        if (error.kind() != StoreError::Kind::Other && error.kind() != StoreError::Kind::Invalid)
            throw;
        logLine(QStringLiteral("event %1 (%2) is stored but the projection could not take it: %3")
                    .arg(e.id, e.type, error.message()));
        return;
    }
    Statement(*db_, "RELEASE project").run();
}

sync::PushReply SqliteCentralStore::push(const QString& device, const QList<Event>& events,
                                         const QDateTime& receivedAt) {
    std::lock_guard lock(mutex_);
    const QString received = isoUtc(receivedAt);
    sync::PushReply reply;
    Database::Transaction tx(*db_);
    // serverSeq is local_seq (AUTOINCREMENT: increasing in store order, never reused); the
    // server_seq column mirrors it so queries written for terminals read the same here. Both are
    // set in the INSERT, from the number AUTOINCREMENT would choose: one more than the largest
    // local_seq the table has ever held (sqlite_sequence, or the rows themselves before the first
    // insert records one). Worked out once per batch, under BEGIN IMMEDIATE and the mutex, so
    // nobody else can insert meanwhile. This saves an UPDATE (and a re-write of the row) per event.
    qint64 nextSeq = db_->scalar(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0), "
        "COALESCE((SELECT MAX(local_seq) FROM events), 0)) + 1");
    for (const Event& e : events) {
        const StoredText text = StoredText::of(e);
        {
            Statement byId(*db_, PAVILION_SELECT_EVENT "WHERE id = ?");
            byId.bind(1, e.id);
            if (byId.step()) {
                if (sameAsStored(byId, 1, e, text)) {
                    reply.results.append({e.id, sync::PushStatus::Duplicate, byId.int64(0)});
                } else {
                    const QString reason =
                        QStringLiteral("the server holds a different event with this id");
                    keepConflict(e, device, received, reason);
                    reply.conflicts.append({e.id, reason});
                }
                continue;
            }
        }
        {
            Statement bySeq(*db_,
                            "SELECT id FROM events WHERE terminal_id = ? AND terminal_seq = ?");
            bySeq.bind(1, e.terminalId).bind(2, e.terminalSeq);
            if (bySeq.step()) {
                const QString reason =
                    QStringLiteral(
                        "the server already holds another event (%1) as number %2 of "
                        "this terminal; its log may have been restored from an old "
                        "backup or copied from another terminal")
                        .arg(bySeq.text(0))
                        .arg(e.terminalSeq);
                keepConflict(e, device, received, reason);
                reply.conflicts.append({e.id, reason});
                continue;
            }
        }
        const qint64 seq = nextSeq++;
        Statement insert(*db_,
                         "INSERT INTO events(local_seq, server_seq, id, terminal_id, terminal_seq, "
                         "type, occurred_at, payload, pushed) VALUES(?1,?1,?2,?3,?4,?5,?6,?7,1)");
        insert.bind(1, seq).bind(2, e.id).bind(3, e.terminalId).bind(4, e.terminalSeq);
        insert.bind(5, e.type).bind(6, text.occurredAt).bind(7, text.payload);
        insert.run();
        project(e);
        reply.results.append({e.id, sync::PushStatus::Stored, seq});
    }
    tx.commit();  // the 200 goes out only after this returns
    return reply;
}

sync::PullPage SqliteCentralStore::pull(qint64 after, int limit, qsizetype maxPageBytes) {
    std::lock_guard lock(mutex_);
    sync::PullPage page;
    page.next = after;
    Statement s(*db_, PAVILION_SELECT_EVENT "WHERE local_seq > ? ORDER BY local_seq LIMIT ?");
    s.bind(1, after).bind(2,
                          static_cast<qint64>(limit) + 1);  // one more tells whether there is more
    // Room for {"events":[…],"next":N,"more":false}; each event adds its JSON, its serverSeq and a
    // comma.
    qsizetype bytes = 64;
    while (s.step()) {
        Event e = readEvent(s);
        const qsizetype size = e.canonicalJson().size() + 40;
        if (page.events.size() == limit ||
            (!page.events.isEmpty() && bytes + size > maxPageBytes)) {
            page.more = true;
            break;
        }
        bytes += size;
        page.next = s.int64(0);
        page.serverSeqs.append(page.next);
        page.events.append(std::move(e));
    }
    return page;
}

QList<ConflictRecord> SqliteCentralStore::conflicts() {
    std::lock_guard lock(mutex_);
    QList<ConflictRecord> out;
    Statement s(*db_,
                "SELECT received_at, device, event_id, reason, body FROM central_conflicts "
                "ORDER BY rowid");
    while (s.step())
        out << ConflictRecord{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4).toUtf8()};
    return out;
}

}  // namespace pavilion::central
