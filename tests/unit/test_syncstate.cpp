// storage/syncstate: what a push reply and a pulled page do to a terminal's store. Two real
// terminals' databases; the events of one are "pulled" into the other.
#include <gtest/gtest.h>

#include <QJsonDocument>

#include "issuestore_fixture.h"
#include "storage/syncstate.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

const QString kMeetingRoom = QStringLiteral("yayuan-meeting-room");

class SyncStateTest : public IssueStoreTest {
protected:
    void SetUp() override {
        IssueStoreTest::SetUp();
        otherDb_ = Database::open(dir_.filePath(QStringLiteral("other.db")));
        other_ = std::make_unique<IssueStore>(*otherDb_, kMeetingRoom, clock_);
        state_ = std::make_unique<SyncState>(*db_, kTerminal, clock_);
    }

    // The other terminal's events as a pulled page numbered from `firstSeq`.
    QList<PulledEvent> otherEvents(qint64 firstSeq) {
        QList<PulledEvent> page;
        for (const Event& e : EventLog(*otherDb_).all()) page.append({e, firstSeq++});
        return page;
    }

    qint64 pushedFlag(const QString& id) {
        Statement s(*db_, "SELECT pushed FROM events WHERE id = ?");
        s.bind(1, id);
        return s.step() ? s.int64(0) : -1;
    }
    qint64 serverSeqOf(const QString& id) {
        Statement s(*db_, "SELECT COALESCE(server_seq, 0) FROM events WHERE id = ?");
        s.bind(1, id);
        return s.step() ? s.int64(0) : -1;
    }

    std::unique_ptr<Database> otherDb_;
    std::unique_ptr<IssueStore> other_;
    std::unique_ptr<SyncState> state_;
};

}  // namespace

TEST_F(SyncStateTest, PushRepliesMarkEventsAndSetRefusedOnesAside) {
    store_->report(request());
    store_->report(request(QStringLiteral("楼道灯坏了，晚上看不见路")));
    const Issue third = store_->report(request(QStringLiteral("下水道堵了，污水冒出来")));
    store_->support(third.code);
    QList<Event> unsent = state_->unsent(10);
    ASSERT_EQ(unsent.size(), 4);
    EXPECT_EQ(state_->status().waiting, 4);

    state_->recordPush({{unsent[0].id, 11}, {unsent[1].id, 12}}, {{unsent[2].id, QStringLiteral("the server holds a different event with this id")}});
    EXPECT_EQ(pushedFlag(unsent[0].id), 1);
    EXPECT_EQ(serverSeqOf(unsent[1].id), 12);
    EXPECT_EQ(pushedFlag(unsent[2].id), 2);
    EXPECT_EQ(pushedFlag(unsent[3].id), 0);

    const QList<Event> left = state_->unsent(10);
    ASSERT_EQ(left.size(), 1) << "a refused event is never sent again";
    EXPECT_EQ(left[0].id, unsent[3].id);
    const SyncStatus st = state_->status();
    EXPECT_EQ(st.waiting, 1);
    EXPECT_EQ(st.refused, 1);
    const QList<RefusedEvent> refused = state_->refused();
    ASSERT_EQ(refused.size(), 1);
    EXPECT_EQ(refused[0].eventId, unsent[2].id);
    EXPECT_EQ(refused[0].direction, QStringLiteral("push"));
    EXPECT_TRUE(refused[0].reason.contains(QStringLiteral("different event")));
    // The refused event stays in the log and in the projection: nothing residents did is lost here.
    EXPECT_TRUE(store_->findByCode(third.code).has_value());
}

TEST_F(SyncStateTest, PulledEventsAreStoredAppliedAndTheCursorMovesTogether) {
    const Issue there = other_->report(request(QStringLiteral("电动车在楼道里充电，很危险"), place(kJingmo, QStringLiteral("2号楼"))));
    other_->support(there.code);
    other_->support(there.code);
    const QList<PulledEvent> page = otherEvents(101);

    const PullApplied a = state_->applyPulled(page, 103);
    EXPECT_EQ(a.inserted, 3);
    EXPECT_EQ(a.known, 0);
    EXPECT_EQ(a.refused, 0);
    EXPECT_EQ(state_->cursor(), 103);
    const auto here = store_->findByCode(there.code);
    ASSERT_TRUE(here.has_value());
    EXPECT_EQ(here->supporters, 2);
    EXPECT_EQ(here->text, there.text);
    EXPECT_EQ(serverSeqOf(page[2].event.id), 103);
    EXPECT_EQ(state_->status().waiting, 0) << "other terminals' events are not ours to push";

    // The same page again (a reply lost after the commit): nothing counts twice.
    const PullApplied again = state_->applyPulled(page, 103);
    EXPECT_EQ(again.inserted, 0);
    EXPECT_EQ(again.known, 3);
    EXPECT_EQ(store_->findByCode(there.code)->supporters, 2);
    EXPECT_EQ(eventRows(), 3);
}

TEST_F(SyncStateTest, OurOwnEventComingBackCountsAsPushed) {
    const Issue mine = store_->report(request());
    const Event e = state_->unsent(1).value(0);
    ASSERT_EQ(pushedFlag(e.id), 0);
    state_->applyPulled({{e, 7}}, 7);
    EXPECT_EQ(pushedFlag(e.id), 1) << "the server has it: the push reply was lost, not the event";
    EXPECT_EQ(serverSeqOf(e.id), 7);
    EXPECT_TRUE(state_->unsent(10).isEmpty());
    EXPECT_EQ(store_->findByCode(mine.code)->supporters, 0);
}

TEST_F(SyncStateTest, AClashingEventIsRefusedKeptAsReceivedAndNeverOverwrites) {
    store_->report(request());
    const Event mine = EventLog(*db_).all().value(0);
    Event tampered = mine;
    tampered.payload.insert(QStringLiteral("text"), QStringLiteral("被改过的内容"));
    Event sameSeqOtherId = makeEvent(mine.type, mine.terminalId, mine.occurredAt, mine.payload);
    sameSeqOtherId.terminalSeq = mine.terminalSeq;

    const PullApplied a = state_->applyPulled({{tampered, 5}, {sameSeqOtherId, 6}}, 6);
    EXPECT_EQ(a.refused, 2);
    EXPECT_EQ(a.inserted, 0);
    EXPECT_EQ(state_->cursor(), 6) << "a clash must not stop this terminal's sync";
    EXPECT_EQ(EventLog(*db_).find(mine.id)->payload.value(QStringLiteral("text")).toString(), request().text);
    EXPECT_EQ(db_->scalar("SELECT COUNT(*) FROM sync_refused WHERE direction = 'pull' AND body IS NOT NULL"), 2);
    const QList<RefusedEvent> r = state_->refused();
    ASSERT_EQ(r.size(), 2);
    EXPECT_TRUE(r[0].reason.contains(QStringLiteral("number 1 of yayuan-pavilion-shuxiang"))) << r[0].reason.toStdString();
    EXPECT_TRUE(r[1].reason.contains(QStringLiteral("different event"))) << r[1].reason.toStdString();
}

TEST_F(SyncStateTest, AnEventTheProjectionCannotTakeIsLoggedAndReportedButSyncGoesOn) {
    const Issue there = other_->report(request(QStringLiteral("小区门口路灯不亮")));
    // A local issue that happens to hold the same tracking code (1 in 30^7, but it must not wedge
    // sync for ever when it happens).
    const Issue mine = store_->report(request());
    db_->exec(QStringLiteral("UPDATE issues SET code = '%1' WHERE id = '%2'").arg(there.code, mine.id).toUtf8().constData());
    const QList<PulledEvent> page = otherEvents(40);
    const PullApplied a = state_->applyPulled(page, 40);
    EXPECT_EQ(a.refused, 1);
    EXPECT_EQ(a.inserted, 0);
    EXPECT_EQ(state_->cursor(), 40);
    EXPECT_TRUE(EventLog(*db_).find(page[0].event.id).has_value()) << "the log keeps the event";
    EXPECT_EQ(store_->findByCode(there.code)->id, mine.id) << "the local issue is untouched";
    EXPECT_TRUE(state_->refused().value(0).reason.contains(QStringLiteral("not shown here")));
}

TEST_F(SyncStateTest, APageThatFailsHalfWayLeavesNoTrace) {
    other_->report(request(QStringLiteral("垃圾桶满了没人清")));
    other_->report(request(QStringLiteral("健身器材坏了")));
    const QList<PulledEvent> page = otherEvents(1);
    // Fault injection: the second insert fails, as a full disk would.
    db_->exec(QStringLiteral("CREATE TEMP TRIGGER fail_second BEFORE INSERT ON events WHEN NEW.id = '%1' "
                             "BEGIN SELECT RAISE(ABORT, 'injected'); END")
                  .arg(page[1].event.id)
                  .toUtf8()
                  .constData());
    EXPECT_THROW(state_->applyPulled(page, 2), StoreError);
    EXPECT_EQ(eventRows(), 0);
    EXPECT_EQ(issueRows(), 0);
    EXPECT_EQ(state_->cursor(), 0);
    db_->exec("DROP TRIGGER fail_second");
    EXPECT_EQ(state_->applyPulled(page, 2).inserted, 2);
    EXPECT_EQ(issueRows(), 2);
}

TEST_F(SyncStateTest, StatusRemembersSuccessFailureAndClock) {
    EXPECT_TRUE(state_->status().lastSuccessAt.isEmpty());
    state_->recordAttempt();
    state_->recordFailure(QStringLiteral("cannot reach the server"));
    SyncStatus s = state_->status();
    EXPECT_EQ(s.lastError, QStringLiteral("cannot reach the server"));
    EXPECT_EQ(s.lastErrorAt, isoUtc(kT0));
    EXPECT_EQ(s.lastAttemptAt, isoUtc(kT0));
    clock_.advanceSeconds(60);
    state_->recordSuccess();
    state_->setClockOffset(-3600);
    s = state_->status();
    EXPECT_EQ(s.lastSuccessAt, isoUtc(kT0.addSecs(60)));
    EXPECT_TRUE(s.lastError.isEmpty());
    EXPECT_EQ(s.clockOffsetSeconds, -3600);
}
