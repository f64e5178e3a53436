// State is a projection of the log: replaying every event into a fresh database gives the same
// issues, supporters and timelines as the database that recorded them.
#include <gtest/gtest.h>

#include <algorithm>

#include "issuestore_fixture.h"
#include "storage/projector.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

QList<Issue> sortedIssues(IssueStore& s) {
    QList<Issue> all = s.list(IssueFilter{std::nullopt, {}, false, 100000});
    std::sort(all.begin(), all.end(), [](const Issue& a, const Issue& b) { return a.code < b.code; });
    return all;
}

void expectSameState(IssueStore& original, IssueStore& replayed) {
    const QList<Issue> a = sortedIssues(original);
    const QList<Issue> b = sortedIssues(replayed);
    ASSERT_EQ(a.size(), b.size());
    for (int n = 0; n < a.size(); ++n) {
        SCOPED_TRACE(a.at(n).code.toStdString());
        EXPECT_EQ(b.at(n).id, a.at(n).id);
        EXPECT_EQ(b.at(n).code, a.at(n).code);
        EXPECT_EQ(b.at(n).supporters, a.at(n).supporters);
        EXPECT_EQ(b.at(n).text, a.at(n).text);
        EXPECT_EQ(b.at(n).status, a.at(n).status);
        EXPECT_EQ(b.at(n).categoryId, a.at(n).categoryId);
        EXPECT_EQ(b.at(n).location, a.at(n).location);
        EXPECT_EQ(b.at(n).hasPhone, a.at(n).hasPhone);
        EXPECT_EQ(b.at(n).reportedAt, a.at(n).reportedAt);
        EXPECT_EQ(b.at(n).updatedAt, a.at(n).updatedAt);
        EXPECT_EQ(b.at(n).terminalId, a.at(n).terminalId);
        const QList<TimelineEntry> ta = original.timeline(a.at(n).id), tb = replayed.timeline(b.at(n).id);
        ASSERT_EQ(ta.size(), tb.size());
        for (int k = 0; k < ta.size(); ++k) {
            EXPECT_EQ(tb.at(k).at, ta.at(k).at);
            EXPECT_EQ(tb.at(k).kind, ta.at(k).kind);
            EXPECT_EQ(tb.at(k).note, ta.at(k).note);
        }
    }
    const IssueStore::Counts ca = original.counts(), cb = replayed.counts();
    EXPECT_EQ(cb.issues, ca.issues);
    EXPECT_EQ(cb.open, ca.open);
    EXPECT_EQ(cb.supporters, ca.supporters);
    EXPECT_EQ(cb.events, ca.events);
}

class ReplayTest : public IssueStoreTest {
protected:
    void SetUp() override {
        IssueStoreTest::SetUp();
        // A working day at the pavilion: reports, supports, odd text, a phone number, two compounds.
        const Issue roof = store_->report(request());
        clock_.advanceSeconds(300);
        const Issue drain = store_->report(request(QStringLiteral("双福巷排水井又堵了\n雨天积水到膝盖😀"),
                                                   publicArea(kJingmo, QStringLiteral("双福巷排水井")), QStringLiteral("drain-blocked"),
                                                   QStringLiteral("138-1234-5678")));
        clock_.advanceSeconds(60);
        store_->support(roof.code);
        store_->support(drain.code);
        clock_.advanceSeconds(3600);
        const Issue sql = store_->report(request(QStringLiteral("'); DROP TABLE issues;-- 𠀀"), place(kShuxiang, QStringLiteral("1号楼")),
                                                 QStringLiteral("other")));
        store_->support(drain.code);
        clock_.advanceSeconds(86400);
        store_->support(sql.code.toLower());
        store_->report(request(QStringLiteral("充电桩太少，晚上排队"), publicArea({}, QStringLiteral("丽景街沿街")), QStringLiteral("ev-charging")));
        store_->support(roof.code);
    }

    // A fresh database fed with every event of the log, the way a second terminal would get them.
    std::unique_ptr<Database> replay(const QList<Event>& log, const QString& name) {
        auto fresh = Database::open(dir_.filePath(name));
        Database::Transaction tx(*fresh);
        EventLog freshLog(*fresh);
        for (const Event& e : log) {
            EXPECT_EQ(freshLog.insertForeign(e), EventLog::InsertResult::Inserted) << e.id.toStdString();
            applyEvent(*fresh, e);
        }
        tx.commit();
        return fresh;
    }
};

}  // namespace

TEST_F(ReplayTest, ReplayOfTheLogGivesTheSameState) {
    const QList<Event> log = EventLog(*db_).all();
    ASSERT_EQ(log.size(), 9);  // 4 reports, 5 supports
    auto fresh = replay(log, QStringLiteral("replayed.db"));
    IssueStore replayed(*fresh, kTerminal, clock_);
    ASSERT_EQ(replayed.counts().issues, 4);
    expectSameState(*store_, replayed);
    // The log itself arrived intact.
    const QList<Event> copied = EventLog(*fresh).all();
    ASSERT_EQ(copied.size(), log.size());
    for (int n = 0; n < log.size(); ++n) EXPECT_EQ(copied.at(n).canonicalJson(), log.at(n).canonicalJson());
}

TEST_F(ReplayTest, ReplayAfterReopeningFromDiskGivesTheSameState) {
    // What survives a restart (only committed data, read back from the file) replays the same.
    store_.reset();
    db_.reset();
    db_ = Database::open(dbPath());
    store_ = std::make_unique<IssueStore>(*db_, kTerminal, clock_);
    auto fresh = replay(EventLog(*db_).all(), QStringLiteral("replayed-after-restart.db"));
    IssueStore replayed(*fresh, kTerminal, clock_);
    expectSameState(*store_, replayed);
}

TEST_F(ReplayTest, ReplayingTheSameEventsAgainChangesNothing) {
    const QList<Event> log = EventLog(*db_).all();
    auto fresh = replay(log, QStringLiteral("replayed-twice.db"));
    EventLog freshLog(*fresh);
    for (const Event& e : log) EXPECT_EQ(freshLog.insertForeign(e), EventLog::InsertResult::AlreadyPresent);
    IssueStore replayed(*fresh, kTerminal, clock_);
    expectSameState(*store_, replayed);
}

TEST_F(ReplayTest, DivergedStateIsDetected) {
    // The comparison itself can fail: a replay that misses one support differs.
    QList<Event> log = EventLog(*db_).all();
    ASSERT_EQ(log.last().type, QLatin1String(events::kIssueSupported));
    log.removeLast();
    auto fresh = replay(log, QStringLiteral("partial.db"));
    IssueStore replayed(*fresh, kTerminal, clock_);
    EXPECT_EQ(replayed.counts().supporters + 1, store_->counts().supporters);
}
