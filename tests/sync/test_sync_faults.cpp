// The sync client through our fault-injecting proxy to the real pavilion-central: connections
// reset before the request, in the middle of the body, after the server committed but before the
// reply arrived; stalled; trickled a byte at a time; replies cut short; the network gone. Hundreds
// of runs, and the server ends with exactly the events the terminal made: none lost, none twice.
#include <gtest/gtest.h>

#include <random>

#include "faultproxy.h"
#include "syncfixture.h"

using namespace pavilion;
using namespace pavilion::testing;
using Mode = FaultProxy::Mode;

namespace {

class SyncFaults : public SyncServerTest {
protected:
    void SetUp() override {
        SyncServerTest::SetUp();
        if (HasFatalFailure()) return;
        const QUrl url(server_.baseUrl());
        proxy_ = std::make_unique<FaultProxy>("127.0.0.1", std::uint16_t(url.port()));
        // A trickled reply: one byte every 200 ms, far below the client's stall limit.
        proxy_->setTrickle(std::chrono::milliseconds(200), 1);
        terminal_ = std::make_unique<TestTerminal>(QStringLiteral("yayuan-pavilion-shuxiang"),
                                                   home_.enrol(QStringLiteral("yayuan-pavilion-shuxiang")));
    }

    // Through the proxy, a new connection for every request (so every request can meet a fault),
    // and timeouts short enough for hundreds of runs.
    sync::TransportSettings viaProxy() {
        sync::TransportSettings t = transportFor(QStringLiteral("http://127.0.0.1:%1").arg(proxy_->port()));
        t.reuseConnections = false;
        t.connectTimeoutMs = 1000;
        t.totalTimeoutMs = 400;
        t.stallSeconds = 1;
        return t;
    }

    // Rounds until one finishes (the proxy passes everything once its queue is used up).
    int syncUntilDone(int batchSize = 500) {
        for (int attempt = 1; attempt <= 30; ++attempt) {
            const sync::RoundReport r = terminal_->sync(viaProxy(), batchSize);
            if (r.result == sync::RoundResult::Done) return attempt;
            EXPECT_EQ(r.result, sync::RoundResult::RetryLater) << r.message.toStdString();
            EXPECT_FALSE(r.message.isEmpty());
        }
        ADD_FAILURE() << "sync did not finish in 30 rounds";
        return -1;
    }

    void expectExactlyOnce() {
        const QStringList mine = eventIdsIn(terminal_->dbPath());
        ASSERT_FALSE(mine.isEmpty());
        EXPECT_EQ(eventIdsIn(home_.dbPath()), mine) << "the server holds exactly the terminal's events";
        EXPECT_EQ(countRows(home_.dbPath(), "SELECT COUNT(*) FROM events"), mine.size()) << "none twice";
        EXPECT_EQ(countRows(home_.dbPath(), "SELECT COUNT(*) FROM central_conflicts"), 0);
        EXPECT_EQ(countRows(terminal_->dbPath(), "SELECT COUNT(*) FROM sync_refused"), 0);
        EXPECT_EQ(countRows(terminal_->dbPath(), "SELECT COUNT(*) FROM events WHERE server_seq IS NULL"), 0);
        EXPECT_EQ(terminal_->unsent(), 0);
        EXPECT_EQ(terminal_->projection(), projectionDump(home_.dbPath()));
    }

    std::unique_ptr<FaultProxy> proxy_;
    std::unique_ptr<TestTerminal> terminal_;
};

}  // namespace

TEST_F(SyncFaults, EachFaultAloneIsSurvivedAndNothingIsLostOrDoubled) {
    const Mode faults[] = {Mode::ResetBeforeRequest, Mode::ResetMidRequest, Mode::ResetAfterServerReply,
                           Mode::StallForever,       Mode::Trickle,         Mode::TruncateReply};
    int n = 0;
    for (Mode m : faults) {
        SCOPED_TRACE(FaultProxy::modeName(m));
        terminal_->report(n++);
        terminal_->supportSome(n);
        proxy_->pushModes({m});  // the push meets the fault; the next round passes
        const sync::RoundReport first = terminal_->sync(viaProxy());
        EXPECT_EQ(first.result, sync::RoundResult::RetryLater) << first.message.toStdString();
        EXPECT_EQ(proxy_->count(m), 1);
        EXPECT_EQ(syncUntilDone(), 1);
    }
    // The reply lost after the commit: the server stored the batch, and the retry was a duplicate.
    expectExactlyOnce();
}

TEST_F(SyncFaults, AServerCommitWithALostReplyIsAcknowledgedAsDuplicate) {
    terminal_->report(1);
    terminal_->report(2);
    proxy_->pushModes({Mode::ResetAfterServerReply});
    EXPECT_EQ(terminal_->sync(viaProxy()).result, sync::RoundResult::RetryLater);
    EXPECT_EQ(countRows(home_.dbPath(), "SELECT COUNT(*) FROM events"), 2) << "the server committed";
    EXPECT_EQ(terminal_->unsent(), 2) << "but the terminal does not know it yet";
    const sync::RoundReport r = terminal_->sync(viaProxy());
    EXPECT_EQ(r.result, sync::RoundResult::Done) << r.message.toStdString();
    EXPECT_EQ(r.duplicates, 2);
    EXPECT_EQ(r.pushed, 0);
    expectExactlyOnce();
}

TEST_F(SyncFaults, NetworkDownThenUpLosesNothing) {
    proxy_->setOnline(false);
    for (int i = 0; i < 5; ++i) {
        terminal_->report(i);
        const sync::RoundReport r = terminal_->sync(viaProxy());
        EXPECT_EQ(r.result, sync::RoundResult::RetryLater);
        EXPECT_TRUE(r.networkFailure) << r.message.toStdString();
    }
    EXPECT_EQ(countRows(home_.dbPath(), "SELECT COUNT(*) FROM events"), 0);
    EXPECT_FALSE(SyncState(terminal_->db(), terminal_->id()).status().lastError.isEmpty());
    proxy_->setOnline(true);
    EXPECT_EQ(syncUntilDone(), 1);
    EXPECT_TRUE(SyncState(terminal_->db(), terminal_->id()).status().lastError.isEmpty());
    expectExactlyOnce();
}

// Hundreds of runs: each run the terminal acts, then syncs through a random sequence of faults on
// push and pull requests alike, in small batches so a round has many requests to break.
TEST_F(SyncFaults, HundredsOfRandomFaultRunsEndExactlyOnce) {
    const unsigned seed = std::random_device{}();
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    const Mode modes[] = {Mode::Pass,         Mode::ResetBeforeRequest, Mode::ResetMidRequest,
                          Mode::ResetAfterServerReply, Mode::StallForever, Mode::Trickle,
                          Mode::TruncateReply};
    constexpr int kRuns = 200;
    int faulted = 0;
    for (int run = 0; run < kRuns; ++run) {
        const int actions = 1 + int(rng() % 4);
        for (int a = 0; a < actions; ++a) {
            if (rng() % 3 == 0) terminal_->supportSome(int(rng()));
            else terminal_->report(int(rng() % 1000));
        }
        std::vector<Mode> queue;
        for (int c = int(rng() % 4); c > 0; --c) queue.push_back(modes[rng() % std::size(modes)]);
        proxy_->pushModes(queue);
        const int rounds = syncUntilDone(1 + int(rng() % 3));
        if (rounds > 1) ++faulted;
        ASSERT_GT(rounds, 0) << "run " << run;
        ASSERT_EQ(terminal_->unsent(), 0) << "run " << run;
    }
    EXPECT_GT(faulted, kRuns / 4) << "the faults should have bitten often";
    for (Mode m : modes) EXPECT_GT(proxy_->count(m), 0) << FaultProxy::modeName(m);
    expectExactlyOnce();
}
