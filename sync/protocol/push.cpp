#include "sync/protocol/push.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "sync/protocol/jsonbody.h"
#include "sync/protocol/protocol.h"

namespace pavilion::sync {

using detail::fail;
using detail::quoted;
using detail::typeName;

namespace {

const QString kEvents = QStringLiteral("events");
const QString kResults = QStringLiteral("results");
const QString kConflicts = QStringLiteral("conflicts");
const QString kId = QStringLiteral("id");
const QString kStatus = QStringLiteral("status");
const QString kServerSeq = QStringLiteral("serverSeq");
const QString kReason = QStringLiteral("reason");

bool pushStatusFromName(const QString& name, PushStatus* out) {
    if (name == QLatin1String("stored")) {
        *out = PushStatus::Stored;
        return true;
    }
    if (name == QLatin1String("duplicate")) {
        *out = PushStatus::Duplicate;
        return true;
    }
    return false;
}

bool refuse(ProtocolError* error, ErrorCode code, const QString& message) {
    if (error) *error = ProtocolError{code, message};
    return false;
}

// Reads the "id" member of results[i] / conflicts[i] and checks it names a sent event that has not
// been answered yet.
bool answeredId(const QJsonObject& o, const QString& where, const QSet<QString>& sent,
                QSet<QString>* answered, QString* id, QString* error) {
    const QJsonValue v = o.value(kId);
    if (!v.isString())
        return fail(
            error,
            QStringLiteral("push reply: %1.id must be a string, got %2").arg(where, typeName(v)));
    *id = v.toString();
    if (!sent.contains(*id))
        return fail(error,
                    QStringLiteral("push reply: %1 has id %2, which is not one of the events sent")
                        .arg(where, quoted(*id)));
    if (answered->contains(*id))
        return fail(error, QStringLiteral("push reply: id %1 is answered twice (again in %2)")
                               .arg(quoted(*id), where));
    answered->insert(*id);
    return true;
}

}  // namespace

QByteArray pushStatusName(PushStatus s) {
    return s == PushStatus::Stored ? QByteArrayLiteral("stored") : QByteArrayLiteral("duplicate");
}

QByteArray encodePushRequest(const QList<Event>& events) {
    QJsonArray array;
    for (const Event& e : events) array.append(e.toJson());
    return QJsonDocument(QJsonObject{{kEvents, array}}).toJson(QJsonDocument::Compact);
}

bool decodePushReply(const QByteArray& body, const QList<Event>& sent, PushReply* out,
                     QString* error) {
    QJsonObject root;
    if (!detail::parseObject(body, kMaxReplyBodyBytes, "push reply", &root, error)) return false;
    const QJsonValue results = root.value(kResults);
    const QJsonValue conflicts = root.value(kConflicts);
    if (!results.isArray())
        return fail(error, QStringLiteral("push reply: \"results\" must be an array, got %1")
                               .arg(typeName(results)));
    if (!conflicts.isArray())
        return fail(error, QStringLiteral("push reply: \"conflicts\" must be an array, got %1")
                               .arg(typeName(conflicts)));

    QSet<QString> sentIds;
    for (const Event& e : sent) sentIds.insert(e.id);
    QSet<QString> answered;
    QHash<qint64, QString> idBySeq;
    PushReply reply;

    const QJsonArray resultArray = results.toArray();
    for (qsizetype i = 0; i < resultArray.size(); ++i) {
        const QString where = QStringLiteral("results[%1]").arg(i);
        if (!resultArray.at(i).isObject())
            return fail(error, QStringLiteral("push reply: %1 must be an object, got %2")
                                   .arg(where, typeName(resultArray.at(i))));
        const QJsonObject o = resultArray.at(i).toObject();
        PushResult r;
        if (!answeredId(o, where, sentIds, &answered, &r.id, error)) return false;
        const QJsonValue status = o.value(kStatus);
        if (!status.isString() || !pushStatusFromName(status.toString(), &r.status))
            return fail(
                error,
                QStringLiteral("push reply: %1.status must be \"stored\" or \"duplicate\", got %2")
                    .arg(where, status.isString() ? quoted(status.toString()) : typeName(status)));
        const QJsonValue seq = o.value(kServerSeq);
        if (!detail::wholeNumber(seq, &r.serverSeq) || r.serverSeq < 1)
            return fail(
                error,
                QStringLiteral("push reply: %1.serverSeq must be a positive whole number, got %2")
                    .arg(where, seq.isDouble() ? QString::number(seq.toDouble(), 'g', 17)
                                               : typeName(seq)));
        if (idBySeq.contains(r.serverSeq))
            return fail(error,
                        QStringLiteral("push reply: serverSeq %1 is given to two events, %2 and %3")
                            .arg(r.serverSeq)
                            .arg(quoted(idBySeq.value(r.serverSeq)), quoted(r.id)));
        idBySeq.insert(r.serverSeq, r.id);
        reply.results.append(r);
    }

    const QJsonArray conflictArray = conflicts.toArray();
    for (qsizetype i = 0; i < conflictArray.size(); ++i) {
        const QString where = QStringLiteral("conflicts[%1]").arg(i);
        if (!conflictArray.at(i).isObject())
            return fail(error, QStringLiteral("push reply: %1 must be an object, got %2")
                                   .arg(where, typeName(conflictArray.at(i))));
        const QJsonObject o = conflictArray.at(i).toObject();
        Conflict c;
        if (!answeredId(o, where, sentIds, &answered, &c.id, error)) return false;
        const QJsonValue reason = o.value(kReason);
        if (!reason.isString() || reason.toString().trimmed().isEmpty())
            return fail(error,
                        QStringLiteral("push reply: %1.reason must be a non-empty string, got %2")
                            .arg(where, reason.isString() ? QStringLiteral("an empty one")
                                                          : typeName(reason)));
        c.reason = reason.toString().left(500);
        reply.conflicts.append(c);
    }

    for (const Event& e : sent)
        if (!answered.contains(e.id))
            return fail(
                error,
                QStringLiteral(
                    "push reply: event %1 was sent but is missing from both results and conflicts")
                    .arg(quoted(e.id)));
    *out = std::move(reply);
    return true;
}

bool decodePushRequest(const QByteArray& body, const QString& deviceId, QList<Event>* out,
                       ProtocolError* error) {
    if (body.size() > kMaxPushBodyBytes)
        return refuse(error, ErrorCode::TooLarge,
                      QStringLiteral("push body is %1 bytes, more than the limit of %2 bytes; send "
                                     "fewer events at a time")
                          .arg(body.size())
                          .arg(kMaxPushBodyBytes));
    QJsonObject root;
    QString message;
    if (!detail::parseObject(body, kMaxPushBodyBytes, "push body", &root, &message))
        return refuse(error, ErrorCode::BadRequest, message);
    const QJsonValue events = root.value(kEvents);
    if (!events.isArray())
        return refuse(
            error, ErrorCode::BadRequest,
            QStringLiteral("push body: \"events\" must be an array, got %1").arg(typeName(events)));
    const QJsonArray array = events.toArray();
    if (array.size() > kMaxPushEvents)
        return refuse(
            error, ErrorCode::TooLarge,
            QStringLiteral("push body has %1 events, at most %2 are allowed in one request")
                .arg(array.size())
                .arg(kMaxPushEvents));

    QList<Event> decoded;
    decoded.reserve(array.size());
    QHash<QString, qsizetype> indexById;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return refuse(error, ErrorCode::BadRequest,
                          QStringLiteral("push body: events[%1] must be an object, got %2")
                              .arg(i)
                              .arg(typeName(array.at(i))));
        Event e;
        QString why;
        if (!Event::fromJson(array.at(i).toObject(), &e, &why))
            return refuse(error, ErrorCode::BadRequest,
                          QStringLiteral("push body: events[%1]: %2").arg(i).arg(why));
        if (e.terminalId != deviceId)
            return refuse(error, ErrorCode::Forbidden,
                          QStringLiteral("push body: events[%1] was made by terminal %2, but the "
                                         "request comes from device %3; "
                                         "a device may push only its own events")
                              .arg(i)
                              .arg(quoted(e.terminalId), quoted(deviceId)));
        if (indexById.contains(e.id))
            return refuse(error, ErrorCode::BadRequest,
                          QStringLiteral("push body: events[%1] has the same id %2 as events[%3]")
                              .arg(i)
                              .arg(quoted(e.id))
                              .arg(indexById.value(e.id)));
        indexById.insert(e.id, i);
        decoded.append(std::move(e));
    }
    *out = std::move(decoded);
    return true;
}

QByteArray encodePushReply(const PushReply& reply) {
    QJsonArray results;
    for (const PushResult& r : reply.results)
        results.append(QJsonObject{{kId, r.id},
                                   {kStatus, QString::fromLatin1(pushStatusName(r.status))},
                                   {kServerSeq, r.serverSeq}});
    QJsonArray conflicts;
    for (const Conflict& c : reply.conflicts)
        conflicts.append(QJsonObject{{kId, c.id}, {kReason, c.reason}});
    return QJsonDocument(QJsonObject{{kResults, results}, {kConflicts, conflicts}})
        .toJson(QJsonDocument::Compact);
}

}  // namespace pavilion::sync
