// POST /v1/events:push (PROTOCOL.md §5) against the real server: stored, duplicate, conflicts,
// and the refusals of the whole batch.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "centralprocess.h"
#include "httpclient.h"
#include "testevents.h"
#include "twodevices.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

class CentralPush : public TwoDevicesTest {
protected:
    // Every event on the server, in the global order (one page is enough for these tests).
    sync::PullPage everything() const { return readPullReply(a().pull(0, 1000), 0, 1000); }
};

}  // namespace

TEST_F(CentralPush, StoresABatchAndTheSameBatchAgainIsDuplicateWithTheSameServerSeqs) {
    const QList<Event> batch = noteEvents(QStringLiteral("kiosk-a"), 1, 5);
    const sync::PushReply first = readPushReply(a().push(batch), batch);
    ASSERT_EQ(first.results.size(), 5);
    EXPECT_TRUE(first.conflicts.isEmpty());
    qint64 previous = 0;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        EXPECT_EQ(first.results.at(i).id, batch.at(i).id);  // in request order
        EXPECT_EQ(first.results.at(i).status, sync::PushStatus::Stored);
        EXPECT_GT(first.results.at(i).serverSeq, previous);
        previous = first.results.at(i).serverSeq;
    }

    const sync::PushReply again = readPushReply(a().push(batch), batch);
    ASSERT_EQ(again.results.size(), 5);
    EXPECT_TRUE(again.conflicts.isEmpty());
    for (qsizetype i = 0; i < batch.size(); ++i) {
        EXPECT_EQ(again.results.at(i).status, sync::PushStatus::Duplicate);
        EXPECT_EQ(again.results.at(i).serverSeq, first.results.at(i).serverSeq);
    }
    EXPECT_EQ(everything().events.size(), 5);
    RawDb db(home_.dbPath());
    EXPECT_EQ(db.integer(QStringLiteral("SELECT COUNT(*) FROM events")), 5);
    EXPECT_EQ(db.integer(QStringLiteral(
                  "SELECT COUNT(*) FROM events WHERE pushed = 1 AND server_seq = local_seq")),
              5);
}

TEST_F(CentralPush, AMixedBatchAnswersEachEventInRequestOrder) {
    const QList<Event> first = noteEvents(QStringLiteral("kiosk-a"), 1, 2);
    const sync::PushReply r1 = readPushReply(a().push(first), first);
    ASSERT_EQ(r1.results.size(), 2);
    QList<Event> mixed = first;
    mixed << noteEvent(QStringLiteral("kiosk-a"), 3);
    const sync::PushReply r2 = readPushReply(a().push(mixed), mixed);
    ASSERT_EQ(r2.results.size(), 3);
    EXPECT_EQ(r2.results.at(0).status, sync::PushStatus::Duplicate);
    EXPECT_EQ(r2.results.at(1).status, sync::PushStatus::Duplicate);
    EXPECT_EQ(r2.results.at(2).status, sync::PushStatus::Stored);
    EXPECT_GT(r2.results.at(2).serverSeq, r1.results.at(1).serverSeq);
}

TEST_F(CentralPush, SameIdWithOtherContentIsAConflictKeptAsideAndListed) {
    const Event original = noteEvent(QStringLiteral("kiosk-a"), 1, QStringLiteral("original"));
    const sync::PushReply stored = readPushReply(a().push({original}), {original});
    ASSERT_EQ(stored.results.size(), 1);

    Event changed = original;
    changed.payload.insert(QStringLiteral("text"), QStringLiteral("changed"));
    const sync::PushReply reply = readPushReply(a().push({changed}), {changed});
    EXPECT_TRUE(reply.results.isEmpty());
    ASSERT_EQ(reply.conflicts.size(), 1);
    EXPECT_EQ(reply.conflicts.at(0).id, original.id);
    EXPECT_TRUE(
        reply.conflicts.at(0).reason.contains(QStringLiteral("different event with this id")))
        << reply.conflicts.at(0).reason.toStdString();

    // The stored event is unchanged and still the only one.
    const sync::PullPage page = everything();
    ASSERT_EQ(page.events.size(), 1);
    EXPECT_EQ(page.events.at(0).canonicalJson(), original.canonicalJson());
    EXPECT_EQ(page.serverSeqs.at(0), stored.results.at(0).serverSeq);

    // Pushing the conflicting copy again changes nothing: one kept copy.
    const sync::PushReply twice = readPushReply(a().push({changed}), {changed});
    EXPECT_EQ(twice.conflicts.size(), 1);

    const CommandResult list = home_.command({QStringLiteral("conflicts")});
    ASSERT_EQ(list.exit, 0) << list;
    const QStringList rows = list.out.split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(rows.size(), 2) << list;  // header and one conflict
    EXPECT_TRUE(rows.at(1).contains(QStringLiteral("kiosk-a"))) << list;
    EXPECT_TRUE(rows.at(1).contains(original.id)) << list;
    EXPECT_TRUE(rows.at(1).contains(QStringLiteral("different event with this id"))) << list;
    RawDb db(home_.dbPath());
    EXPECT_TRUE(db.text(QStringLiteral("SELECT body FROM central_conflicts"))
                    .contains(QStringLiteral("changed")));
}

TEST_F(CentralPush, SameTerminalAndSeqWithAnotherIdIsAConflict) {
    const Event first = noteEvent(QStringLiteral("kiosk-a"), 7, QStringLiteral("first"));
    readPushReply(a().push({first}), {first});
    // A log restored from an old backup: seq 7 again, as a new event.
    const Event copy = noteEvent(QStringLiteral("kiosk-a"), 7, QStringLiteral("restored"));
    const Event next = noteEvent(QStringLiteral("kiosk-a"), 8);
    const sync::PushReply reply = readPushReply(a().push({copy, next}), {copy, next});
    ASSERT_EQ(reply.conflicts.size(), 1);
    EXPECT_EQ(reply.conflicts.at(0).id, copy.id);
    EXPECT_TRUE(reply.conflicts.at(0).reason.contains(first.id))
        << reply.conflicts.at(0).reason.toStdString();
    ASSERT_EQ(reply.results.size(), 1);
    EXPECT_EQ(reply.results.at(0).id, next.id);
    EXPECT_EQ(reply.results.at(0).status, sync::PushStatus::Stored);

    const sync::PullPage page = everything();
    ASSERT_EQ(page.events.size(), 2);
    EXPECT_EQ(page.events.at(0).id, first.id);
    EXPECT_EQ(page.events.at(1).id, next.id);
    const CommandResult list = home_.command({QStringLiteral("conflicts")});
    EXPECT_TRUE(list.out.contains(copy.id)) << list;
}

TEST_F(CentralPush, AnotherDevicesEventRefusesTheWholeBatch) {
    const QList<Event> batch{noteEvent(QStringLiteral("kiosk-a"), 1),
                             noteEvent(QStringLiteral("kiosk-b"), 1)};
    const HttpReply reply = a().push(batch);
    EXPECT_EQ(reply.status, 403) << reply;
    EXPECT_EQ(reply.errorCode(), QStringLiteral("forbidden")) << reply;
    EXPECT_TRUE(reply.errorMessage().contains(QStringLiteral("events[1]"))) << reply;
    EXPECT_TRUE(everything().events.isEmpty());
}

TEST_F(CentralPush, MoreThan500EventsIsTooLarge) {
    const QList<Event> batch = noteEvents(QStringLiteral("kiosk-a"), 1, 501);
    const HttpReply reply = a().push(batch);
    EXPECT_EQ(reply.status, 413) << reply;
    EXPECT_EQ(reply.errorCode(), QStringLiteral("too-large")) << reply;
    EXPECT_TRUE(everything().events.isEmpty());
    // 500 is fine.
    const QList<Event> most = batch.mid(0, 500);
    EXPECT_EQ(readPushReply(a().push(most), most).results.size(), 500);
}

TEST_F(CentralPush, MalformedBodiesAreBadRequestsThatSayWhatIsWrong) {
    HttpReply reply = a().pushBody(R"({"events": [ {"id": "x")");
    EXPECT_EQ(reply.status, 400) << reply;
    EXPECT_EQ(reply.errorCode(), QStringLiteral("bad-request")) << reply;
    EXPECT_TRUE(reply.errorMessage().contains(QStringLiteral("not valid JSON"))) << reply;
    EXPECT_TRUE(reply.errorMessage().contains(QStringLiteral("at byte"))) << reply;

    reply = a().pushBody(R"({"events": {}})");
    EXPECT_EQ(reply.status, 400) << reply;
    EXPECT_TRUE(reply.errorMessage().contains(QStringLiteral("\"events\" must be an array")))
        << reply;

    QJsonObject bad = noteEvent(QStringLiteral("kiosk-a"), 1).toJson();
    bad.insert(QStringLiteral("at"), QStringLiteral("yesterday"));
    reply = a().pushBody(
        QJsonDocument(
            QJsonObject{{QStringLiteral("events"),
                         QJsonArray{noteEvent(QStringLiteral("kiosk-a"), 2).toJson(), bad}}})
            .toJson(QJsonDocument::Compact));
    EXPECT_EQ(reply.status, 400) << reply;
    EXPECT_TRUE(reply.errorMessage().contains(QStringLiteral("events[1]"))) << reply;

    const Event e = noteEvent(QStringLiteral("kiosk-a"), 1);
    reply = a().push({e, e});
    EXPECT_EQ(reply.status, 400) << reply;
    EXPECT_TRUE(reply.errorMessage().contains(QStringLiteral("same id"))) << reply;

    reply = a().pushBody({});
    EXPECT_EQ(reply.status, 400) << reply;
    EXPECT_TRUE(everything().events.isEmpty());
}

TEST_F(CentralPush, TheServerKeepsTheProjectionAndAnEventItCannotTakeIsStillStored) {
    const Event report = issueReported(QStringLiteral("kiosk-a"), 1, QStringLiteral("A1B2C3"));
    readPushReply(a().push({report}), {report});
    RawDb db(home_.dbPath());
    EXPECT_EQ(db.integer(QStringLiteral(
                  "SELECT COUNT(*) FROM issues WHERE code = 'A1B2C3' AND terminal_id = 'kiosk-a'")),
              1);

    // Two terminals made the same tracking code: the projection refuses the second row (UNIQUE),
    // but the terminal's sync must not stop on it: the event is stored in the log.
    const Event clash = issueReported(QStringLiteral("kiosk-b"), 1, QStringLiteral("A1B2C3"));
    const Event after = noteEvent(QStringLiteral("kiosk-b"), 2);
    const sync::PushReply reply = readPushReply(b().push({clash, after}), {clash, after});
    ASSERT_EQ(reply.results.size(), 2);
    EXPECT_EQ(reply.results.at(0).status, sync::PushStatus::Stored);
    EXPECT_EQ(reply.results.at(1).status, sync::PushStatus::Stored);
    EXPECT_EQ(db.integer(QStringLiteral("SELECT COUNT(*) FROM issues")), 1);
    EXPECT_EQ(db.integer(QStringLiteral("SELECT COUNT(*) FROM events")), 3);
}
