#include "storage/projector.h"

#include "core/clock.h"
#include "core/issue.h"

namespace pavilion {

namespace {

void addTimeline(Database& db, const Event& e, const QString& issueId, const QString& note) {
    Statement s(db, "INSERT INTO issue_timeline(event_id, issue_id, at, kind, note) VALUES(?,?,?,?,?)");
    s.bind(1, e.id).bind(2, issueId).bind(3, isoUtc(e.occurredAt)).bind(4, e.type).bindOptional(5, note);
    s.run();
}

void issueReported(Database& db, const Event& e) {
    const QJsonObject& p = e.payload;
    const Location loc = Location::fromJson(p.value(QStringLiteral("location")).toObject());
    const QString issueId = p.value(QStringLiteral("issueId")).toString();
    Statement s(db,
                "INSERT INTO issues(id, code, category, compound, building, unit, public_area, location, text, "
                "phone, status, supporters, reported_at, updated_at, terminal_id) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,'reported',0,?,?,?)");
    s.bind(1, issueId).bind(2, p.value(QStringLiteral("code")).toString());
    s.bind(3, p.value(QStringLiteral("category")).toString());
    s.bindOptional(4, loc.compound).bindOptional(5, loc.building).bindOptional(6, loc.unit);
    s.bindOptional(7, loc.publicArea).bind(8, loc.label());
    s.bind(9, p.value(QStringLiteral("text")).toString());
    s.bindOptional(10, p.value(QStringLiteral("phone")).toString());
    s.bind(11, isoUtc(e.occurredAt)).bind(12, isoUtc(e.occurredAt)).bind(13, e.terminalId);
    s.run();
    addTimeline(db, e, issueId, loc.label());
}

void issueSupported(Database& db, const Event& e) {
    const QString issueId = e.payload.value(QStringLiteral("issueId")).toString();
    Statement s(db, "UPDATE issues SET supporters = supporters + 1, updated_at = MAX(updated_at, ?) WHERE id = ?");
    s.bind(1, isoUtc(e.occurredAt)).bind(2, issueId);
    s.run();
    // In the global order a support always follows its report (a terminal can only support what it
    // has); if it ever does not, the log keeps the event and a replay counts it.
    if (db.changes() == 0) return;
    addTimeline(db, e, issueId, {});
}

}  // namespace

void applyEvent(Database& db, const Event& e) {
    if (e.type == QLatin1String(events::kIssueReported)) issueReported(db, e);
    else if (e.type == QLatin1String(events::kIssueSupported)) issueSupported(db, e);
}

}  // namespace pavilion
