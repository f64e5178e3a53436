#include "sync/protocol/pull.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "sync/protocol/jsonbody.h"

namespace pavilion::sync {

using detail::fail;
using detail::quoted;
using detail::typeName;

namespace {

const QString kEvents = QStringLiteral("events");
const QString kServerSeq = QStringLiteral("serverSeq");
const QString kNext = QStringLiteral("next");
const QString kMore = QStringLiteral("more");

bool refuse(ProtocolError* error, const QString& message) {
    if (error) *error = ProtocolError{ErrorCode::BadRequest, message};
    return false;
}

// Decimal digits only, at most 18 (always fits in qint64). Hand-written for the same reason as
// parseTimestamp: QByteArray::toLongLong also takes signs and spaces.
bool digits(const QByteArray& text, qint64* out) {
    if (text.isEmpty() || text.size() > 18) return false;
    qint64 v = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

QString numberText(const QJsonValue& v) {
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 17) : typeName(v);
}

}  // namespace

QByteArray pullPathAndQuery(qint64 after, int limit) {
    return QByteArray(kPullPath) + "?after=" + QByteArray::number(after) +
           "&limit=" + QByteArray::number(limit);
}

bool decodePullReply(const QByteArray& body, qint64 after, int limit, PullPage* out,
                     QString* error) {
    QJsonObject root;
    if (!detail::parseObject(body, kMaxReplyBodyBytes, "pull reply", &root, error)) return false;
    const QJsonValue events = root.value(kEvents);
    const QJsonValue next = root.value(kNext);
    const QJsonValue more = root.value(kMore);
    if (!events.isArray())
        return fail(error, QStringLiteral("pull reply: \"events\" must be an array, got %1")
                               .arg(typeName(events)));
    PullPage page;
    if (!detail::wholeNumber(next, &page.next))
        return fail(error, QStringLiteral("pull reply: \"next\" must be a whole number, got %1")
                               .arg(numberText(next)));
    if (!more.isBool())
        return fail(error, QStringLiteral("pull reply: \"more\" must be true or false, got %1")
                               .arg(typeName(more)));
    page.more = more.toBool();

    const QJsonArray array = events.toArray();
    if (array.size() > limit)
        return fail(
            error,
            QStringLiteral("pull reply has %1 events, more than the limit of %2 that was asked for")
                .arg(array.size())
                .arg(limit));
    qint64 previous = after;
    QHash<QString, qsizetype> indexById;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return fail(error, QStringLiteral("pull reply: events[%1] must be an object, got %2")
                                   .arg(i)
                                   .arg(typeName(array.at(i))));
        QJsonObject o = array.at(i).toObject();
        const QJsonValue seqValue = o.take(kServerSeq);
        qint64 seq = 0;
        if (!detail::wholeNumber(seqValue, &seq) || seq < 1)
            return fail(
                error,
                QStringLiteral(
                    "pull reply: events[%1].serverSeq must be a positive whole number, got %2")
                    .arg(i)
                    .arg(numberText(seqValue)));
        if (seq <= after)
            return fail(error, QStringLiteral("pull reply: events[%1].serverSeq %2 is not after "
                                              "the cursor %3 that was asked for")
                                   .arg(i)
                                   .arg(seq)
                                   .arg(after));
        if (seq <= previous)
            return fail(
                error,
                QStringLiteral(
                    "pull reply: serverSeq is not strictly increasing: events[%1] has %2 after %3")
                    .arg(i)
                    .arg(seq)
                    .arg(previous));
        previous = seq;
        Event e;
        QString why;
        if (!Event::fromJson(o, &e, &why))
            return fail(error, QStringLiteral("pull reply: events[%1]: %2").arg(i).arg(why));
        if (indexById.contains(e.id))
            return fail(error,
                        QStringLiteral("pull reply: events[%1] has the same id as events[%2], %3")
                            .arg(i)
                            .arg(indexById.value(e.id))
                            .arg(quoted(e.id)));
        indexById.insert(e.id, i);
        page.events.append(std::move(e));
        page.serverSeqs.append(seq);
    }
    const qint64 expectedNext = page.serverSeqs.isEmpty() ? after : page.serverSeqs.constLast();
    if (page.next != expectedNext)
        return fail(
            error,
            page.serverSeqs.isEmpty()
                ? QStringLiteral("pull reply: \"next\" is %1 but no events came, so it must stay "
                                 "at the cursor %2")
                      .arg(page.next)
                      .arg(expectedNext)
                : QStringLiteral(
                      "pull reply: \"next\" is %1 but must be the last serverSeq returned, %2")
                      .arg(page.next)
                      .arg(expectedNext));
    if (page.more && page.events.isEmpty())
        return fail(error, QStringLiteral("pull reply: \"more\" is true but no events came; "
                                          "following it would loop forever"));
    *out = std::move(page);
    return true;
}

bool decodePullQuery(const QByteArray& query, PullQuery* out, ProtocolError* error) {
    // Split by hand rather than with QUrlQuery: QUrlQuery percent-decodes and its queryItemValue()
    // quietly takes the first of a repeated key, and v1 wants both refused (the query is signed as
    // sent).
    PullQuery q;
    bool sawAfter = false;
    bool sawLimit = false;
    if (!query.isEmpty()) {
        for (const QByteArray& part : query.split('&')) {
            const qsizetype eq = part.indexOf('=');
            const QByteArray key = eq < 0 ? part : part.left(eq);
            const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
            const QString shownKey = quoted(QString::fromUtf8(key));
            qint64 n = 0;
            if (key == "after") {
                if (sawAfter)
                    return refuse(error,
                                  QStringLiteral("query parameter \"after\" is given twice"));
                sawAfter = true;
                if (!digits(value, &n))
                    return refuse(
                        error,
                        QStringLiteral(
                            "query parameter \"after\" must be a whole number 0 or more, got %1")
                            .arg(quoted(QString::fromUtf8(value))));
                q.after = n;
            } else if (key == "limit") {
                if (sawLimit)
                    return refuse(error,
                                  QStringLiteral("query parameter \"limit\" is given twice"));
                sawLimit = true;
                if (!digits(value, &n) || n < kMinPullLimit || n > kMaxPullLimit)
                    return refuse(error, QStringLiteral("query parameter \"limit\" must be a whole "
                                                        "number from %1 to %2, got %3")
                                             .arg(kMinPullLimit)
                                             .arg(kMaxPullLimit)
                                             .arg(quoted(QString::fromUtf8(value))));
                q.limit = static_cast<int>(n);
            } else {
                return refuse(
                    error,
                    QStringLiteral(
                        "unknown query parameter %1; only \"after\" and \"limit\" are allowed")
                        .arg(shownKey));
            }
        }
    }
    *out = q;
    return true;
}

QByteArray encodePullReply(const PullPage& page) {
    Q_ASSERT(page.events.size() == page.serverSeqs.size());
    QJsonArray events;
    for (qsizetype i = 0; i < page.events.size(); ++i) {
        QJsonObject o = page.events.at(i).toJson();
        o.insert(kServerSeq, page.serverSeqs.value(i));
        events.append(o);
    }
    return QJsonDocument(QJsonObject{{kEvents, events}, {kNext, page.next}, {kMore, page.more}})
        .toJson(QJsonDocument::Compact);
}

}  // namespace pavilion::sync
