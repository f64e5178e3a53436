#include "storage/eventlog.h"

#include <QJsonDocument>

#include "core/clock.h"

namespace pavilion {

namespace {
// Whole statements rather than a shared prefix glued on per call: the text is the key of the
// prepared-statement cache, and building it cost an allocation and a copy every time.
#define PAVILION_SELECT_EVENT "SELECT id, terminal_id, terminal_seq, type, occurred_at, payload FROM events "

Event readEvent(const Statement& s, int first = 0) {
    Event e;
    e.id = s.text(first);
    e.terminalId = s.text(first + 1);
    e.terminalSeq = s.int64(first + 2);
    e.type = s.text(first + 3);
    e.occurredAt = parseIsoUtc(s.text(first + 4));
    e.payload = QJsonDocument::fromJson(s.text(first + 5).toUtf8()).object();
    return e;
}

void insertRow(Database& db, const Event& e, const StoredText& text) {
    Statement s(db,
                "INSERT INTO events(id, terminal_id, terminal_seq, type, occurred_at, payload) "
                "VALUES(?,?,?,?,?,?)");
    s.bind(1, e.id).bind(2, e.terminalId).bind(3, e.terminalSeq).bind(4, e.type);
    s.bind(5, text.occurredAt).bind(6, text.payload);
    s.run();
}
}  // namespace

StoredText StoredText::of(const Event& e) {
    return {isoUtc(e.occurredAt), QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact))};
}

bool sameAsStored(const Statement& s, int first, const Event& e, const StoredText& text) {
    if (s.text(first) == e.id && s.text(first + 1) == e.terminalId && s.int64(first + 2) == e.terminalSeq &&
        s.text(first + 3) == e.type && s.text(first + 4) == text.occurredAt && s.text(first + 5) == text.payload)
        return true;
    return readEvent(s, first).canonicalJson() == e.canonicalJson();
}

void EventLog::appendLocal(Event& e) {
    Statement next(db_, "SELECT COALESCE(MAX(terminal_seq), 0) + 1 FROM events WHERE terminal_id = ?");
    next.bind(1, e.terminalId);
    next.step();
    e.terminalSeq = next.int64(0);
    insertRow(db_, e, StoredText::of(e));
}

EventLog::InsertResult EventLog::insertForeign(const Event& e) {
    const StoredText text = StoredText::of(e);
    {
        Statement existing(db_, PAVILION_SELECT_EVENT "WHERE id = ?");
        existing.bind(1, e.id);
        if (existing.step())
            return sameAsStored(existing, 0, e, text) ? InsertResult::AlreadyPresent : InsertResult::Conflict;
    }
    Statement taken(db_, "SELECT 1 FROM events WHERE terminal_id = ? AND terminal_seq = ?");
    taken.bind(1, e.terminalId).bind(2, e.terminalSeq);
    if (taken.step()) return InsertResult::SeqTaken;
    insertRow(db_, e, text);
    return InsertResult::Inserted;
}

std::optional<Event> EventLog::find(const QString& id) {
    Statement s(db_, PAVILION_SELECT_EVENT "WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readEvent(s);
}

void EventLog::setServerSeq(const QString& id, qint64 serverSeq) {
    Statement s(db_, "UPDATE events SET server_seq = ? WHERE id = ?");
    s.bind(1, serverSeq).bind(2, id);
    s.run();
}

QList<Event> EventLog::all() {
    QList<Event> out;
    Statement s(db_, PAVILION_SELECT_EVENT "ORDER BY local_seq");
    while (s.step()) out << readEvent(s);
    return out;
}

QList<Event> EventLog::unpushed(const QString& terminalId, int limit) {
    QList<Event> out;
    Statement s(db_, PAVILION_SELECT_EVENT "WHERE terminal_id = ? AND pushed = 0 ORDER BY terminal_seq LIMIT ?");
    s.bind(1, terminalId).bind(2, static_cast<qint64>(limit));
    while (s.step()) out << readEvent(s);
    return out;
}

qint64 EventLog::count() { return db_.scalar("SELECT COUNT(*) FROM events"); }

qint64 EventLog::countUnpushed(const QString& terminalId) {
    Statement s(db_, "SELECT COUNT(*) FROM events WHERE terminal_id = ? AND pushed = 0");
    s.bind(1, terminalId);
    s.step();
    return s.int64(0);
}

QString EventLog::boundTerminal(Database& db) {
    Statement s(db, "SELECT value FROM meta WHERE key = 'terminal_id'");
    return s.step() ? s.text(0) : QString();
}

QString EventLog::bindTerminal(Database& db, const QString& terminalId) {
    const QString bound = boundTerminal(db);
    if (bound.isEmpty()) {
        Statement s(db, "INSERT INTO meta(key, value) VALUES('terminal_id', ?)");
        s.bind(1, terminalId);
        s.run();
        return terminalId;
    }
    if (bound != terminalId)
        throw StoreError(StoreError::Kind::Identity,
                         QStringLiteral("%1 belongs to terminal \"%2\", not \"%3\"; use that terminal's config or another data directory")
                             .arg(db.path(), bound, terminalId));
    return bound;
}

}  // namespace pavilion
