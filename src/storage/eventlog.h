#pragma once
#include <QList>

#include "core/event.h"
#include "storage/database.h"

namespace pavilion {

class EventLog {
public:
    explicit EventLog(Database& db) : db_(db) {}

    // Gives the event the next sequence number of its terminal and stores it. Call inside the
    // transaction that also applies the event, so state and log never disagree.
    void appendLocal(Event& e);

    enum class InsertResult { Inserted, AlreadyPresent, Conflict };
    // For events made elsewhere (sync): a re-sent event is a no-op, the same id with other
    // content is a conflict the caller keeps and reports.
    InsertResult insertForeign(const Event& e);

    std::optional<Event> find(const QString& id);
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
