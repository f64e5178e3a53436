#pragma once
#include <QList>

#include "core/event.h"
#include "storage/database.h"

namespace pavilion {

// An event's occurred_at and payload as the events table stores them (the other columns are the
// event's own strings and numbers).
struct StoredText {
    QString occurredAt;
    QString payload;
    static StoredText of(const Event& e);
};

// Whether `e` is the event stored in the row `s` points at, read with the columns id, terminal_id,
// terminal_seq, type, occurred_at, payload starting at column `first`, in the sense of PROTOCOL.md
// §4: equal canonical bytes. canonicalJson() is made from exactly the values stored in those
// columns, so equal columns mean equal canonical bytes; that cheap check settles the usual case
// (an event coming back as it went) without parsing and re-serialising both. Only when a column
// differs are the canonical forms compared, which decides as before.
bool sameAsStored(const Statement& s, int first, const Event& e, const StoredText& text);

class EventLog {
public:
    explicit EventLog(Database& db) : db_(db) {}

    // Gives the event the next sequence number of its terminal and stores it. Call inside the
    // transaction that also applies the event, so state and log never disagree.
    void appendLocal(Event& e);

    enum class InsertResult { Inserted, AlreadyPresent, Conflict, SeqTaken };
    // For events made elsewhere (sync): a re-sent event is a no-op, the same id with other
    // content is a Conflict, another event already at the same terminal and seq is SeqTaken (a
    // log restored from an old backup); the caller keeps and reports both.
    InsertResult insertForeign(const Event& e);

    std::optional<Event> find(const QString& id);
    // The server's number for an event, once known (sync).
    void setServerSeq(const QString& id, qint64 serverSeq);
    QList<Event> all();
    QList<Event> unpushed(const QString& terminalId, int limit);
    qint64 count();
    qint64 countUnpushed(const QString& terminalId);

    // The terminal this data directory belongs to; binds it on first use and refuses another id.
    static QString bindTerminal(Database& db, const QString& terminalId);
    static QString boundTerminal(Database& db);

private:
    Database& db_;
};

}  // namespace pavilion
