// The terminal's sync client against a server that answers badly on purpose (HostileServer):
// garbage, a reply far too large, a proxy's HTML page, JSON under the wrong media type, push and
// pull replies of the right shape that lie, error bodies that are not JSON, 503 with Retry-After.
// Every one must be a failed attempt (RetryLater, never NeedsPerson), explained in plain words,
// with the store exactly as it was; the same terminal then finishes against the real server.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <atomic>
#include <functional>
#include <iostream>
#include <mutex>

#include "hostileserver.h"
#include "sync/protocol/messages.h"
#include "syncfixture.h"

using namespace pavilion;
using namespace pavilion::testing;
using namespace std::chrono_literals;

namespace {

const QString kPavilion = QStringLiteral("yayuan-pavilion-shuxiang");
const QString kMeeting = QStringLiteral("yayuan-meeting-room");
using Reply = HostileServer::Reply;

// ---- building replies from what the terminal sent ------------------------------------------

bool isPush(const RecordedRequest& r) { return r.method == "POST" && r.target == sync::kPushPath; }

QList<Event> eventsPushed(const RecordedRequest& r) {
    QList<Event> events;
    sync::ProtocolError error;
    const QString device = QString::fromStdString(r.header(sync::kHeaderDevice).value_or(std::string()));
    if (!sync::decodePushRequest(QByteArray::fromStdString(r.body), device, &events, &error))
        ADD_FAILURE() << "the terminal pushed a request the server would refuse: " << error.message.toStdString();
    return events;
}

// The reply pavilion-central would give to a first push of these events.
sync::PushReply honestReply(const QList<Event>& events, qint64 firstSeq) {
    sync::PushReply reply;
    for (const Event& e : events) reply.results.append({e.id, sync::PushStatus::Stored, firstSeq++});
    return reply;
}

qint64 pullAfter(const RecordedRequest& r) {
    const auto q = r.target.find('?');
    sync::PullQuery query;
    sync::ProtocolError error;
    if (q == std::string::npos ||
        !sync::decodePullQuery(QByteArray::fromStdString(r.target.substr(q + 1)), &query, &error))
        ADD_FAILURE() << "not a pull the server would take: " << r.target;
    return query.after;
}

Reply jsonReply(int status, const QByteArray& body) {
    return Reply::withContentType(status, sync::kJsonContentType, body.toStdString());
}

// A well-formed event from another terminal, as a pull lists it.
QJsonObject listedEvent(int terminalSeq, qint64 serverSeq) {
    Event e = makeEvent(QStringLiteral("IssueReported"), kMeeting, QDateTime::currentDateTimeUtc(),
                        QJsonObject{{QStringLiteral("text"), QStringLiteral("楼道灯坏了")}});
    e.terminalSeq = terminalSeq;
    QJsonObject o = e.toJson();
    o.insert(QStringLiteral("serverSeq"), serverSeq);
    return o;
}

Reply pullPage(const QJsonArray& events, qint64 next, bool more) {
    const QJsonObject root{{QStringLiteral("events"), events},
                           {QStringLiteral("next"), next},
                           {QStringLiteral("more"), more}};
    return jsonReply(200, QJsonDocument(root).toJson(QJsonDocument::Compact));
}

// Answers a push with `reply(events)` and, should a pull ever come, with an empty last page.
HostileServer::Handler pushAnswer(std::function<Reply(const QList<Event>&)> reply) {
    return [reply](const RecordedRequest& r) {
        if (isPush(r)) return reply(eventsPushed(r));
        return pullPage({}, pullAfter(r), false);
    };
}

// Answers a pull with `reply(after)`; a push (there should be none) with an honest reply.
HostileServer::Handler pullAnswer(std::function<Reply(qint64 after)> reply) {
    return [reply](const RecordedRequest& r) {
        if (isPush(r)) return jsonReply(200, sync::encodePushReply(honestReply(eventsPushed(r), 9000)));
        return reply(pullAfter(r));
    };
}

HostileServer::Handler always(Reply reply) {
    return [reply](const RecordedRequest&) { return reply; };
}

// ---- the cases -----------------------------------------------------------------------------

struct HostileCase {
    std::string name;
    bool atPull;  // false: the terminal has unsent events and the push meets it; true: the pull
    HostileServer::Handler handler;
    QString messageHas;  // a fragment of the plain message
    int retryAfter = 0;
    bool huge = false;
};

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

constexpr std::uint64_t k64MiB = 64ull * 1024 * 1024;
const QString kPushRefused = QStringLiteral("the server's answer to a push was refused");
const QString kPullRefused = QStringLiteral("the server's answer to a pull was refused");

std::vector<HostileCase> hostileCases() {
    std::vector<HostileCase> c;
    // Transport level.
    c.push_back({"GarbageBytes", false, always(Reply::garbage(4096, 7)), QStringLiteral("broke off")});
    c.push_back({"GarbageBytesAtPull", true, always(Reply::garbage(100000, 11)), QStringLiteral("broke off")});
    c.push_back({"NoReplyAtAll", false, always(Reply::closeWithoutReply()), QStringLiteral("broke off")});
    c.push_back({"Huge64MiBPushReply", false, always(Reply::huge(200, sync::kJsonContentType, k64MiB)),
                 QStringLiteral("larger than 8 MiB"), 0, true});
    c.push_back({"Huge64MiBPullReply", true, always(Reply::huge(200, sync::kJsonContentType, k64MiB)),
                 QStringLiteral("larger than 8 MiB"), 0, true});
    // No Content-Length to refuse up front: the terminal must count while it reads, and stop.
    c.push_back({"UnannouncedOver8MiBPullReply", true,
                 [](const RecordedRequest&) {
                     return Reply::raw(std::string("HTTP/1.1 200 OK\r\nContent-Type: ") + sync::kJsonContentType +
                                       "\r\nConnection: close\r\n\r\n[" + std::string(9 * 1024 * 1024, '0'));
                 },
                 QStringLiteral("larger than 8 MiB")});
    // Not JSON, or not said to be JSON.
    c.push_back({"ProxyHtml502", false,
                 always(Reply::withContentType(502, "text/html; charset=utf-8",
                                               "<html><head><title>502 Bad Gateway</title></head><body><center>"
                                               "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")),
                 QStringLiteral("HTTP 502 with text/html")});
    c.push_back({"ValidPushReplyAsTextPlain", false,
                 pushAnswer([](const QList<Event>& e) {
                     return Reply::withContentType(200, "text/plain",
                                                   sync::encodePushReply(honestReply(e, 1)).toStdString());
                 }),
                 QStringLiteral("HTTP 200 with text/plain instead of JSON")});
    c.push_back({"ValidPushReplyWithoutContentType", false,
                 pushAnswer([](const QList<Event>& e) {
                     const std::string body = sync::encodePushReply(honestReply(e, 1)).toStdString();
                     return Reply::raw("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                                       "\r\nConnection: close\r\n\r\n" + body);
                 }),
                 QStringLiteral("no content type")});
    c.push_back({"ValidPullPageAsHtml", true,
                 pullAnswer([](qint64 after) {
                     const QJsonObject root{{QStringLiteral("events"), QJsonArray{listedEvent(1, after + 1)}},
                                            {QStringLiteral("next"), after + 1},
                                            {QStringLiteral("more"), false}};
                     return Reply::withContentType(200, "text/html",
                                                   QJsonDocument(root).toJson(QJsonDocument::Compact).toStdString());
                 }),
                 QStringLiteral("instead of JSON")});
    c.push_back({"PushReplyNotJson", false, always(jsonReply(200, "{\"results\": [")), kPushRefused});
    // Push replies of the right shape that do not answer what was sent.
    c.push_back({"PushReplyWithAnIdNotSent", false,
                 pushAnswer([](const QList<Event>& e) {
                     sync::PushReply r = honestReply(e, 1);
                     r.results.append({newUuid(), sync::PushStatus::Stored, 100});
                     return jsonReply(200, sync::encodePushReply(r));
                 }),
                 kPushRefused});
    c.push_back({"PushReplyMissingAnId", false,
                 pushAnswer([](const QList<Event>& e) {
                     sync::PushReply r = honestReply(e, 1);
                     r.results.removeLast();
                     return jsonReply(200, sync::encodePushReply(r));
                 }),
                 kPushRefused});
    c.push_back({"PushReplyWithDuplicatedServerSeq", false,
                 pushAnswer([](const QList<Event>& e) {
                     sync::PushReply r = honestReply(e, 1);
                     r.results.last().serverSeq = r.results.first().serverSeq;
                     return jsonReply(200, sync::encodePushReply(r));
                 }),
                 kPushRefused});
    c.push_back({"PushReplyAnsweringAnIdTwice", false,
                 pushAnswer([](const QList<Event>& e) {
                     sync::PushReply r = honestReply(e, 1);
                     r.conflicts.append({e.first().id, QStringLiteral("different event")});
                     return jsonReply(200, sync::encodePushReply(r));
                 }),
                 kPushRefused});
    c.push_back({"PushReplyWithServerSeqZero", false,
                 pushAnswer([](const QList<Event>& e) {
                     sync::PushReply r = honestReply(e, 1);
                     r.results.first().serverSeq = 0;
                     return jsonReply(200, sync::encodePushReply(r));
                 }),
                 kPushRefused});
    // Pull pages of the right shape that lie.
    c.push_back({"PullServerSeqNotIncreasing", true,
                 pullAnswer([](qint64 after) {
                     return pullPage({listedEvent(1, after + 2), listedEvent(2, after + 1)}, after + 1, false);
                 }),
                 QStringLiteral("not strictly increasing")});
    c.push_back({"PullServerSeqNotAfterTheCursor", true,
                 pullAnswer([](qint64 after) { return pullPage({listedEvent(1, after)}, after, false); }),
                 QStringLiteral("is not after the cursor")});
    c.push_back({"PullMoreTrueOnAnEmptyPage", true,
                 pullAnswer([](qint64 after) { return pullPage({}, after, true); }),
                 QStringLiteral("\"more\" is true but no events came")});
    c.push_back({"PullNextNotTheLastServerSeq", true,
                 pullAnswer([](qint64 after) { return pullPage({listedEvent(1, after + 1)}, after + 7, false); }),
                 kPullRefused});
    c.push_back({"PullEventTimeWithoutZone", true,
                 pullAnswer([](qint64 after) {
                     QJsonObject bad = listedEvent(2, after + 2);
                     bad.insert(QStringLiteral("at"), QStringLiteral("2024-05-01 08:30:15"));
                     return pullPage({listedEvent(1, after + 1), bad}, after + 2, false);
                 }),
                 QStringLiteral("events[1]")});
    c.push_back({"PullEventWithNegativeSeqAndNoId", true,
                 pullAnswer([](qint64 after) {
                     QJsonObject bad = listedEvent(1, after + 1);
                     bad.insert(QStringLiteral("seq"), -3);
                     bad.remove(QStringLiteral("id"));
                     return pullPage({bad}, after + 1, false);
                 }),
                 QStringLiteral("events[0]")});
    c.push_back({"PullEventPayloadNotAnObject", true,
                 pullAnswer([](qint64 after) {
                     QJsonObject bad = listedEvent(1, after + 1);
                     bad.insert(QStringLiteral("payload"), QStringLiteral("DROP TABLE events"));
                     return pullPage({bad}, after + 1, false);
                 }),
                 QStringLiteral("events[0]")});
    c.push_back({"PullSameIdTwice", true,
                 pullAnswer([](qint64 after) {
                     QJsonObject a = listedEvent(1, after + 1);
                     QJsonObject b = listedEvent(2, after + 2);
                     b.insert(QStringLiteral("id"), a.value(QStringLiteral("id")));
                     return pullPage({a, b}, after + 2, false);
                 }),
                 QStringLiteral("same id")});
    // Error replies that are not readable, and a 503 that says when to come back.
    c.push_back({"ErrorBodyNotJson500", false, always(jsonReply(500, "Internal Server Error")),
                 QStringLiteral("HTTP 500 without a readable explanation")});
    c.push_back({"ErrorBodyNotJson400AtPull", true, always(jsonReply(400, "<b>bad</b>")),
                 QStringLiteral("HTTP 400 without a readable explanation")});
    c.push_back({"ServiceUnavailableWithRetryAfter", false,
                 always(jsonReply(503, sync::encodeError(sync::ErrorCode::ServerError,
                                                         QStringLiteral("down for maintenance")))
                            .withHeader("Retry-After", "120")),
                 QStringLiteral("HTTP 503"), 120});
    return c;
}

// ---- what "unchanged" means ----------------------------------------------------------------

struct StoreState {
    qint64 unsent = 0, cursor = 0, refusedRows = 0;
    QString projection;
    QStringList events;  // every column of every row
};

StoreState stateOf(TestTerminal& t) {
    StoreState s;
    s.unsent = t.unsent();
    s.cursor = SyncState(t.db(), t.id()).cursor();
    s.refusedRows = countRows(t.dbPath(), "SELECT COUNT(*) FROM sync_refused");
    s.projection = t.projection();
    s.events = rowsIn(t.dbPath(),
                      "SELECT local_seq, id, terminal_id, terminal_seq, type, occurred_at, payload, "
                      "server_seq, pushed FROM events ORDER BY local_seq");
    return s;
}

void expectUnchanged(const StoreState& before, const StoreState& after) {
    EXPECT_EQ(after.unsent, before.unsent);
    EXPECT_EQ(after.cursor, before.cursor);
    EXPECT_EQ(after.refusedRows, 0);
    EXPECT_EQ(after.projection, before.projection);
    EXPECT_EQ(after.events, before.events);
}

// Plain words for a facilitator: one line, bounded, no markup or raw bytes from the reply.
void expectPlain(const QString& m) {
    EXPECT_FALSE(m.isEmpty());
    EXPECT_LT(m.size(), 1000) << m.toStdString();
    for (QChar ch : m) {
        EXPECT_FALSE(ch.unicode() < 0x20 || ch == QChar::ReplacementCharacter)
            << "control or undecodable character in: " << m.toStdString();
        if (ch.unicode() < 0x20 || ch == QChar::ReplacementCharacter) break;
    }
    EXPECT_FALSE(m.contains(QStringLiteral("<html"), Qt::CaseInsensitive)) << m.toStdString();
}

QString originOf(const HostileServer& h) { return QStringLiteral("http://127.0.0.1:%1").arg(h.port()); }

class SyncHostile : public SyncServerTest {
protected:
    // The terminal, back on the real server, pushes everything and ends equal to it.
    void expectTheRealServerFinishes(TestTerminal& t, int expectPushed) {
        const sync::RoundReport r = t.sync(net());
        EXPECT_EQ(r.result, sync::RoundResult::Done) << r.message.toStdString();
        EXPECT_EQ(r.pushed, expectPushed);
        EXPECT_EQ(t.unsent(), 0);
        EXPECT_EQ(eventIdsIn(t.dbPath()), eventIdsIn(serverDb()));
        EXPECT_EQ(t.projection(), projectionDump(serverDb()));
        EXPECT_EQ(countRows(t.dbPath(), "SELECT COUNT(*) FROM sync_refused"), 0);
        EXPECT_EQ(countRows(serverDb(), "SELECT COUNT(*) FROM central_conflicts"), 0);
        EXPECT_TRUE(SyncState(t.db(), t.id()).status().lastError.isEmpty());
    }
};

class SyncHostileReply : public SyncHostile, public ::testing::WithParamInterface<HostileCase> {};

}  // namespace

TEST_P(SyncHostileReply, IsAFailedAttemptThatChangesNothing) {
    const HostileCase& c = GetParam();
    // The terminal synced before (cursor 2) and the meeting room added two events since.
    auto pavilion = terminal(kPavilion);
    pavilion->report(0);
    pavilion->report(1);
    ASSERT_EQ(pavilion->sync(net()).result, sync::RoundResult::Done);
    auto meeting = terminal(kMeeting, QStringLiteral("meeting-room"));
    meeting->report(2);
    meeting->report(3);
    ASSERT_EQ(meeting->sync(net()).result, sync::RoundResult::Done);
    int unsent = 0;
    if (!c.atPull) {
        const Issue i = pavilion->report(4);
        pavilion->report(5);
        pavilion->store().support(i.code);
        unsent = 3;
    }
    ASSERT_EQ(pavilion->unsent(), unsent);
    const StoreState before = stateOf(*pavilion);
    ASSERT_EQ(before.cursor, 2);

    HostileServer hostile;
    hostile.setHandler(c.handler);
    const sync::RoundReport r = pavilion->sync(transportFor(originOf(hostile)));
    EXPECT_EQ(r.result, sync::RoundResult::RetryLater) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains(c.messageHas)) << "expected \"" << c.messageHas.toStdString() << "\" in: "
                                                  << r.message.toStdString();
    expectPlain(r.message);
    EXPECT_EQ(r.pushed + r.duplicates + r.refusedByServer + r.pulled + r.applied + r.refusedHere, 0);
    EXPECT_EQ(r.retryAfterSeconds, c.retryAfter);
    expectUnchanged(before, stateOf(*pavilion));
    EXPECT_EQ(SyncState(pavilion->db(), pavilion->id()).status().lastError, r.message);

    const std::vector<RecordedRequest> seen = hostile.requests();
    ASSERT_EQ(seen.size(), 1u) << "one attempt, then the round stops";
    if (c.atPull) EXPECT_EQ(seen[0].target.rfind("/v1/events?after=2&", 0), 0u) << seen[0].target;
    else EXPECT_EQ(seen[0].target, sync::kPushPath);
    if (c.huge) {
        ASSERT_TRUE(hostile.waitForFinished(hostile.accepted(), 10s));
        EXPECT_EQ(hostile.abortedStreams(), 1) << "the terminal hung up instead of reading on";
        std::cerr << "[ huge ] the server got " << hostile.hugeBytesSent() << " of " << k64MiB
                  << " body bytes out before the terminal hung up\n";
        EXPECT_LT(hostile.hugeBytesSent(), 16ull * 1024 * 1024)
            << "of 64 MiB, only what the socket buffers took may have left the server";
    }

    expectTheRealServerFinishes(*pavilion, unsent);
}

INSTANTIATE_TEST_SUITE_P(Replies, SyncHostileReply, ::testing::ValuesIn(hostileCases()),
                         [](const ::testing::TestParamInfo<HostileCase>& info) { return info.param.name; });

// PROTOCOL.md §5: on 413 the terminal halves its batch. This server takes at most 10 events.
TEST_F(SyncHostile, A413HalvesTheBatchUntilTheServerTakesIt) {
    auto pavilion = terminal(kPavilion);
    for (int i = 0; i < 40; ++i) pavilion->report(i);
    ASSERT_EQ(pavilion->unsent(), 40);

    std::mutex mutex;
    std::vector<int> sizes;  // events per push, in order
    QStringList accepted;
    qint64 nextSeq = 1;
    HostileServer hostile;
    hostile.setHandler([&](const RecordedRequest& r) {
        if (!isPush(r)) return pullPage({}, pullAfter(r), false);
        const QList<Event> events = eventsPushed(r);
        std::lock_guard lock(mutex);
        sizes.push_back(int(events.size()));
        if (events.size() > 10)
            return jsonReply(413, sync::encodeError(sync::ErrorCode::TooLarge,
                                                    QStringLiteral("at most 10 events in one push here")));
        for (const Event& e : events) accepted << e.id;
        const sync::PushReply reply = honestReply(events, nextSeq);
        nextSeq += events.size();
        return jsonReply(200, sync::encodePushReply(reply));
    });
    const sync::RoundReport r = pavilion->sync(transportFor(originOf(hostile)));
    EXPECT_EQ(r.result, sync::RoundResult::Done) << r.message.toStdString();
    EXPECT_EQ(r.pushed, 40);
    EXPECT_EQ(pavilion->unsent(), 0);
    std::lock_guard lock(mutex);
    EXPECT_EQ(sizes, (std::vector<int>{40, 20, 10, 10, 10, 10}));
    EXPECT_EQ(hostile.requestCount(), 7) << "six pushes and one pull";
    accepted.sort();
    EXPECT_EQ(accepted, eventIdsIn(pavilion->dbPath())) << "every event accepted exactly once";
    EXPECT_EQ(rowsIn(pavilion->dbPath(), "SELECT server_seq FROM events ORDER BY terminal_seq").join(u','),
              [] {
                  QStringList s;
                  for (int i = 1; i <= 40; ++i) s << QString::number(i);
                  return s.join(u',');
              }());
}

TEST_F(SyncHostile, An401UnauthorizedNeedsAPersonAndChangesNothing) {
    auto pavilion = terminal(kPavilion);
    pavilion->report(0);
    pavilion->report(1);
    const StoreState before = stateOf(*pavilion);
    HostileServer hostile;
    hostile.setHandler(always(jsonReply(
        401, sync::encodeError(sync::ErrorCode::Unauthorized, QStringLiteral("unknown device or wrong signature")))));
    const sync::RoundReport r = pavilion->sync(transportFor(originOf(hostile)));
    EXPECT_EQ(r.result, sync::RoundResult::NeedsPerson) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains(QStringLiteral("unauthorized"))) << r.message.toStdString();
    EXPECT_FALSE(r.networkFailure);
    expectPlain(r.message);
    expectUnchanged(before, stateOf(*pavilion));
    EXPECT_EQ(SyncState(pavilion->db(), pavilion->id()).status().lastError, r.message);
    EXPECT_EQ(hostile.requestCount(), 1);
    expectTheRealServerFinishes(*pavilion, 2);
}
