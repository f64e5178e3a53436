// A terminal and pavilion-central over real loopback sockets: what residents do reaches the
// server exactly once and comes back to every other terminal; all projections end identical.
#include <gtest/gtest.h>

#include <random>

#include "syncfixture.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

using SyncEndToEnd = SyncServerTest;

void expectDone(const sync::RoundReport& r, const std::string& who) {
    EXPECT_EQ(r.result, sync::RoundResult::Done) << who << ": " << r.message.toStdString();
}

}  // namespace

TEST_F(SyncEndToEnd, ReportsReachTheServerAndComeBackToTheOtherTerminal) {
    auto pavilion = terminal(QStringLiteral("yayuan-pavilion-shuxiang"));
    auto meeting = terminal(QStringLiteral("yayuan-meeting-room"), QStringLiteral("meeting-room"));
    const Issue leak = pavilion->report(0);
    pavilion->report(1);
    pavilion->store().support(leak.code);
    meeting->report(2);

    sync::RoundReport r = pavilion->sync(net());
    expectDone(r, "pavilion");
    EXPECT_EQ(r.pushed, 3);
    EXPECT_EQ(r.pulled, 3) << "its own events come back numbered";
    EXPECT_EQ(r.applied, 0);
    EXPECT_EQ(pavilion->unsent(), 0);

    r = meeting->sync(net());
    expectDone(r, "meeting room");
    EXPECT_EQ(r.pushed, 1);
    EXPECT_EQ(r.pulled, 4);
    EXPECT_EQ(r.applied, 3);
    const auto there = meeting->store().findByCode(leak.code);
    ASSERT_TRUE(there.has_value()) << "the pavilion's report is visible in the meeting room";
    EXPECT_EQ(there->supporters, 1);

    // 附议 in the meeting room for the pavilion's issue, then both sync again.
    meeting->store().support(leak.code);
    expectDone(meeting->sync(net()), "meeting room");
    expectDone(pavilion->sync(net()), "pavilion");
    EXPECT_EQ(pavilion->store().findByCode(leak.code)->supporters, 2);

    EXPECT_EQ(pavilion->projection(), meeting->projection());
    EXPECT_EQ(pavilion->projection(), projectionDump(serverDb()));
    EXPECT_EQ(eventIdsIn(pavilion->dbPath()), eventIdsIn(serverDb()));
    EXPECT_EQ(countRows(serverDb(), "SELECT COUNT(*) FROM events"), 5);
}

TEST_F(SyncEndToEnd, ARoundWithNothingToDoChangesNothing) {
    auto pavilion = terminal(QStringLiteral("yayuan-pavilion-shuxiang"));
    pavilion->report(3);
    expectDone(pavilion->sync(net()), "first");
    const QString before = pavilion->projection();
    const sync::RoundReport r = pavilion->sync(net());
    expectDone(r, "second");
    EXPECT_EQ(r.pushed + r.duplicates + r.pulled, 0);
    EXPECT_EQ(pavilion->projection(), before);
    EXPECT_EQ(countRows(serverDb(), "SELECT COUNT(*) FROM events"), 1);
}

TEST_F(SyncEndToEnd, SmallBatchesAndSmallPagesCarryEverything) {
    auto pavilion = terminal(QStringLiteral("yayuan-pavilion-shuxiang"));
    auto board = terminal(QStringLiteral("yayuan-board"), QStringLiteral("board"));
    for (int i = 0; i < 23; ++i) pavilion->report(i);
    for (int i = 0; i < 17; ++i) pavilion->supportSome(i * 7);
    const sync::RoundReport r = pavilion->sync(net(), 4);
    expectDone(r, "pavilion");
    EXPECT_EQ(r.pushed, 40);

    sync::HttpTransport t(net());
    sync::SyncClient client(board->db(), t, sync::Credentials{board->id(), board->secret()});
    client.setPullLimit(3);
    const sync::RoundReport b = client.runRound();
    expectDone(b, "board");
    EXPECT_EQ(b.pulled, 40);
    EXPECT_EQ(board->projection(), pavilion->projection());
}

TEST_F(SyncEndToEnd, ARevokedTerminalIsToldSoAndKeepsItsData) {
    auto pavilion = terminal(QStringLiteral("yayuan-pavilion-shuxiang"));
    pavilion->report(4);
    expectDone(pavilion->sync(net()), "before");
    EXPECT_EQ(home_.command({QStringLiteral("device"), QStringLiteral("revoke"), pavilion->id()}).exit, 0);
    pavilion->report(5);
    const sync::RoundReport r = pavilion->sync(net());
    EXPECT_EQ(r.result, sync::RoundResult::NeedsPerson);
    EXPECT_TRUE(r.message.contains(QStringLiteral("forbidden"))) << r.message.toStdString();
    EXPECT_EQ(pavilion->unsent(), 1) << "the report waits on the terminal";
    EXPECT_EQ(SyncState(pavilion->db(), pavilion->id()).status().lastError, r.message);
}

TEST_F(SyncEndToEnd, AWrongSecretIsRefusedWithoutLosingAnything) {
    auto pavilion = terminal(QStringLiteral("yayuan-pavilion-shuxiang"));
    TestTerminal impostor(pavilion->id(), QByteArray(64, 'a'));
    impostor.report(6);
    const sync::RoundReport r = impostor.sync(net());
    EXPECT_EQ(r.result, sync::RoundResult::NeedsPerson);
    EXPECT_TRUE(r.message.contains(QStringLiteral("unauthorized"))) << r.message.toStdString();
    EXPECT_EQ(impostor.unsent(), 1);
    EXPECT_EQ(countRows(serverDb(), "SELECT COUNT(*) FROM events"), 0);
}

TEST_F(SyncEndToEnd, ATerminalClockAnHourFastIsCorrectedFromTheServersDate) {
    FixedClock fast(QDateTime::currentDateTimeUtc().addSecs(3600));
    TestTerminal pavilion(QStringLiteral("yayuan-pavilion-shuxiang"), home_.enrol(QStringLiteral("yayuan-pavilion-shuxiang")), fast);
    pavilion.report(7);
    const sync::RoundReport r = pavilion.sync(net());
    expectDone(r, "fast clock");
    EXPECT_EQ(r.pushed, 1);
    const qint64 offset = SyncState(pavilion.db(), pavilion.id()).clockOffset();
    EXPECT_NEAR(double(offset), -3600.0, 5.0);
}

TEST_F(SyncEndToEnd, TheServerRefusesAConflictingCopyAndTheTerminalSetsItAside) {
    auto pavilion = terminal(QStringLiteral("yayuan-pavilion-shuxiang"));
    pavilion->report(8);
    expectDone(pavilion->sync(net()), "first");
    // The same data directory restored from an old backup on a second machine: it makes a new
    // event with a number the server already holds for another event.
    TestTerminal restored(pavilion->id(), pavilion->secret());
    restored.report(9);
    const sync::RoundReport r = restored.sync(net());
    expectDone(r, "restored");
    EXPECT_EQ(r.refusedByServer, 1);
    EXPECT_EQ(restored.unsent(), 0) << "a refused event is not sent again";
    const SyncStatus st = SyncState(restored.db(), restored.id()).status();
    EXPECT_EQ(st.refused, 2) << "refused on push, and the server's event at that number refused on pull";
    EXPECT_EQ(countRows(serverDb(), "SELECT COUNT(*) FROM events"), 1);
}

// A pavilion, the meeting room and a board; each goes offline and online at random and acts
// meanwhile. After everyone syncs, all three projections are identical and equal the server's.
TEST_F(SyncEndToEnd, ThreeTerminalsOfflineAndOnlineAtRandomConverge) {
    std::vector<std::unique_ptr<TestTerminal>> t;
    t.push_back(terminal(QStringLiteral("yayuan-pavilion-shuxiang")));
    t.push_back(terminal(QStringLiteral("yayuan-meeting-room"), QStringLiteral("meeting-room")));
    t.push_back(terminal(QStringLiteral("yayuan-board"), QStringLiteral("board")));
    const unsigned seed = std::random_device{}();
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    std::vector<bool> online(t.size(), true);
    int actions = 0;
    for (int step = 0; step < 150; ++step) {
        const size_t who = rng() % t.size();
        switch (rng() % 6) {
            case 0: online[who] = !online[who]; break;
            case 1:
            case 2:
                if (who != 2) {  // the board only shows; residents act at the other two
                    t[who]->report(int(rng() % 1000));
                    ++actions;
                }
                break;
            case 3:
                if (who != 2 && t[who]->supportSome(int(rng() % 1000))) ++actions;
                break;
            default:
                if (online[who]) expectDone(t[who]->sync(net()), t[who]->id().toStdString());
        }
    }
    for (int pass = 0; pass < 2; ++pass)
        for (auto& term : t) expectDone(term->sync(net()), term->id().toStdString());
    const QString server = projectionDump(serverDb());
    EXPECT_FALSE(server.isEmpty());
    for (auto& term : t) {
        EXPECT_EQ(term->projection(), server) << term->id().toStdString();
        EXPECT_EQ(eventIdsIn(term->dbPath()), eventIdsIn(serverDb())) << term->id().toStdString();
        EXPECT_EQ(term->unsent(), 0);
    }
    EXPECT_EQ(countRows(serverDb(), "SELECT COUNT(*) FROM events"), actions);
}
