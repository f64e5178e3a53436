#pragma once
// One entry of the append-only event log (DESIGN.md "one append-only event log"). Every change a
// person makes is an event; local state is a projection of the log; sync moves events.
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace pavilion {

namespace events {
inline constexpr char kIssueReported[] = "IssueReported";
inline constexpr char kIssueSupported[] = "IssueSupported";
}  // namespace events

struct Event {
    QString id;            // UUID made on the terminal, without braces
    QString terminalId;    // the terminal that made it
    qint64 terminalSeq = 0;  // 1, 2, 3 … per terminal; assigned when appended to the log
    QString type;
    QDateTime occurredAt;  // terminal clock, UTC
    QJsonObject payload;

    // Stable serialisation (sorted keys, compact): two events with the same id are the same
    // event exactly when these bytes are equal.
    QByteArray canonicalJson() const;
    QJsonObject toJson() const;
    // Returns false and says why in `error` for anything that is not a well-formed event.
    static bool fromJson(const QJsonObject& o, Event* out, QString* error);
};

Event makeEvent(const QString& type, const QString& terminalId, const QDateTime& at,
                QJsonObject payload);
QString newUuid();

}  // namespace pavilion
