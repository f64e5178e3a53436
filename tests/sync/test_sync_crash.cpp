// kill -9 during sync, on either side. (a) The server dies at random moments while a terminal
// pushes thousands of events in small batches, and comes back on the same database (on a new
// port). (b) `pavilionctl sync now` is killed at random moments. Either way, once a round finishes,
// the server holds exactly the terminal's events, each once, with the same numbers on both sides,
// and both databases are sound.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <atomic>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "syncfixture.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

const QString kPavilion = QStringLiteral("yayuan-pavilion-shuxiang");
const QString kMeeting = QStringLiteral("yayuan-meeting-room");

// Exactly once: the same ids, each once, numbered the same on the terminal and on the server.
void expectExactlyOnce(const QString& terminalDb, const QString& serverDb, qint64 expectedOwn) {
    const QStringList ids = eventIdsIn(terminalDb);
    EXPECT_EQ(eventIdsIn(serverDb), ids) << "the server holds exactly the terminal's events";
    EXPECT_EQ(countRows(serverDb, "SELECT COUNT(*) FROM events"), countRows(terminalDb, "SELECT COUNT(*) FROM events"));
    EXPECT_EQ(countRows(serverDb, "SELECT COUNT(DISTINCT id) FROM events"), ids.size()) << "none twice";
    EXPECT_EQ(countRows(terminalDb, "SELECT COUNT(*) FROM events WHERE terminal_id = 'yayuan-pavilion-shuxiang'"),
              expectedOwn);
    EXPECT_EQ(rowsIn(terminalDb, "SELECT id, server_seq FROM events ORDER BY id"),
              rowsIn(serverDb, "SELECT id, server_seq FROM events ORDER BY id"))
        << "every event carries the server's number on the terminal";
    EXPECT_EQ(countRows(serverDb, "SELECT COUNT(*) FROM central_conflicts"), 0);
    EXPECT_EQ(countRows(terminalDb, "SELECT COUNT(*) FROM events WHERE pushed <> 1 AND terminal_id = "
                                    "'yayuan-pavilion-shuxiang'"),
              0)
        << "nothing waiting, nothing refused";
    EXPECT_EQ(countRows(terminalDb, "SELECT COUNT(*) FROM sync_refused"), 0);
    EXPECT_EQ(integrityCheck(terminalDb), QStringLiteral("ok"));
    EXPECT_EQ(integrityCheck(serverDb), QStringLiteral("ok"));
    EXPECT_EQ(projectionDump(terminalDb), projectionDump(serverDb));
}

// The pavilion's own events not on the server yet (pulled events of others are never "waiting").
qint64 waitingIn(const QString& terminalDb) {
    return countRows(terminalDb, "SELECT COUNT(*) FROM events WHERE pushed = 0 AND terminal_id = "
                                 "'yayuan-pavilion-shuxiang'");
}

}  // namespace

// (a) SIGKILL of pavilion-central at random moments during a long sync.
TEST(SyncCrash, ServerKilledAtRandomDuringSyncLosesNothingAndDoublesNothing) {
    CentralHome home;
    ASSERT_TRUE(home.valid());
    auto server = std::make_unique<CentralServer>();
    ASSERT_TRUE(home.startServer(server.get()));
    TestTerminal pavilion(kPavilion, home.enrol(kPavilion));

    QElapsedTimer clock;
    clock.start();
    constexpr int kEvents = 3000;
    for (int i = 0; i < kEvents; ++i) pavilion.report(i);
    const qint64 reportMs = clock.elapsed();
    ASSERT_EQ(pavilion.unsent(), kEvents);

    const unsigned seed = std::random_device{}();
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);

    std::mutex mutex;
    QString url = server->baseUrl();
    bool killerDone = false;
    std::atomic<bool> workerDone{false};
    int rounds = 0, doneRounds = 0, topUps = 0;
    std::vector<std::string> unexpected;  // NeedsPerson, or anything but RetryLater/Done
    sync::RoundReport last;
    int own = kEvents;

    // The terminal syncs on this thread (no Qt objects there); the processes live on the main one.
    std::thread worker([&] {
        QElapsedTimer deadline;
        deadline.start();
        while (deadline.elapsed() < 90'000) {
            QString target;
            bool stable = false;
            {
                std::lock_guard lock(mutex);
                target = url;
                stable = killerDone;
            }
            const sync::RoundReport r = pavilion.sync(transportFor(target), 50);
            ++rounds;
            if (r.result == sync::RoundResult::Done) {
                ++doneRounds;
                if (stable) {
                    last = r;
                    break;
                }
                // Everything is across while the killer is still at work: more for it to cut into.
                for (int i = 0; i < 300; ++i) pavilion.report(own + i);
                own += 300;
                ++topUps;
            } else if (r.result == sync::RoundResult::RetryLater) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            } else {
                std::lock_guard lock(mutex);
                unexpected.push_back(r.message.toStdString());
                break;
            }
        }
        workerDone = true;
    });

    int kills = 0, killsWithWorkWaiting = 0;
    std::uniform_int_distribution<int> pause(50, 300);
    qint64 restartMs = 0;
    while (kills < 10 && !workerDone) {
        QThread::msleep(pause(rng));
        if (waitingIn(pavilion.dbPath()) > 0) ++killsWithWorkWaiting;
        server->kill9();
        ++kills;
        QElapsedTimer restart;
        restart.start();
        auto next = std::make_unique<CentralServer>();
        const bool started = home.startServer(next.get());
        restartMs += restart.elapsed();
        server = std::move(next);
        if (!started) break;
        std::lock_guard lock(mutex);
        url = server->baseUrl();
    }
    {
        std::lock_guard lock(mutex);
        killerDone = true;
    }
    worker.join();
    const qint64 totalMs = clock.elapsed();
    std::cerr << "[ crash-a ] " << kEvents << " reports in " << reportMs << " ms; " << kills << " kills ("
              << killsWithWorkWaiting << " with events still waiting), restart " << (kills ? restartMs / kills : 0)
              << " ms on average; " << rounds << " rounds, " << doneRounds << " done, " << topUps
              << " top-ups of 300; " << own << " events; " << totalMs << " ms in all\n";

    ASSERT_TRUE(unexpected.empty()) << unexpected.front();
    ASSERT_TRUE(server->running());
    EXPECT_GE(kills, 10);
    EXPECT_GE(killsWithWorkWaiting, 1) << "no kill landed while events were waiting";
    ASSERT_EQ(last.result, sync::RoundResult::Done) << "no round finished within 90 s: " << last.message.toStdString();
    EXPECT_EQ(pavilion.unsent(), 0);
    expectExactlyOnce(pavilion.dbPath(), home.dbPath(), own);
    EXPECT_EQ(countRows(home.dbPath(), "SELECT COUNT(*) FROM events"), own);
    EXPECT_EQ(server->stop(), 0) << server->log().toStdString();
    EXPECT_EQ(integrityCheck(home.dbPath()), QStringLiteral("ok"));
}

// (b) SIGKILL of `pavilionctl sync now` at random moments.
TEST(SyncCrash, PavilionctlKilledAtRandomDuringSyncLosesNothingAndDoublesNothing) {
    CentralHome home;
    ASSERT_TRUE(home.valid());
    CentralServer server;
    ASSERT_TRUE(home.startServer(&server));
    QTemporaryDir etc;
    ASSERT_TRUE(etc.isValid());

    // Someone else's events wait on the server, so the terminal also pulls a lot.
    int foreign = 1500, own = 1500;
    TestTerminal meeting(kMeeting, home.enrol(kMeeting, QStringLiteral("meeting-room")));
    for (int i = 0; i < foreign; ++i) meeting.report(i);
    const sync::RoundReport first = meeting.sync(transportFor(server.baseUrl()));
    ASSERT_EQ(first.result, sync::RoundResult::Done) << first.message.toStdString();
    TestTerminal pavilion(kPavilion, home.enrol(kPavilion));
    for (int i = 0; i < own; ++i) pavilion.report(i);

    // The kiosk's own config, pointed at this server and at the enrolled secret.
    const QString secretFile = etc.filePath(QStringLiteral("device.secret"));
    writeFile(secretFile, pavilion.secret() + '\n');
    QJsonObject config =
        QJsonDocument::fromJson(readFile(sourcePath(QStringLiteral("kiosk-config/pavilion-shuxiang.json")))).object();
    ASSERT_FALSE(config.isEmpty());
    QJsonObject syncPart = config.value(QStringLiteral("sync")).toObject();
    syncPart.insert(QStringLiteral("serverUrl"), server.baseUrl());
    syncPart.insert(QStringLiteral("deviceSecretFile"), secretFile);
    config.insert(QStringLiteral("sync"), syncPart);
    const QString configFile = etc.filePath(QStringLiteral("pavilion.json"));
    writeFile(configFile, QJsonDocument(config).toJson());
    const QStringList args = {QStringLiteral("--data-dir"), pavilion.dataDir(), QStringLiteral("--config"),
                              configFile, QStringLiteral("sync"), QStringLiteral("now")};

    const unsigned seed = std::random_device{}();
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pause(5, 200);
    QElapsedTimer clock;
    clock.start();
    int kills = 0, killsWithWorkLeft = 0, killsWhilePushing = 0, killsWhilePulling = 0, finishedEarly = 0;
    int topUps = 0;
    // A run that got to the end before its kill: more work on both sides, so the next kills
    // still land in the middle of pushing or pulling (no pavilionctl runs meanwhile).
    auto topUp = [&] {
        for (int i = 0; i < 200; ++i) pavilion.report(own + i);
        own += 200;
        for (int i = 0; i < 200; ++i) meeting.report(foreign + i);
        foreign += 200;
        const sync::RoundReport r = meeting.sync(transportFor(server.baseUrl()));
        EXPECT_EQ(r.result, sync::RoundResult::Done) << r.message.toStdString();
        ++topUps;
    };
    for (int attempt = 0; kills < 20 && attempt < 200; ++attempt) {
        const qint64 serverEvents = foreign + own;
        QProcess ctl;
        ctl.start(QStringLiteral(PAVILIONCTL_PATH), args);
        ASSERT_TRUE(ctl.waitForStarted(10000));
        if (ctl.waitForFinished(pause(rng))) {
            ++finishedEarly;
            EXPECT_EQ(ctl.exitCode(), 0) << ctl.readAllStandardError().toStdString();
            topUp();
            continue;
        }
        // Where the run is, roughly: own events still waiting, or the cursor short of the end.
        const bool pushing = waitingIn(pavilion.dbPath()) > 0;
        const bool pulling = !pushing && countRows(pavilion.dbPath(), "SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) "
                                                                      "FROM sync_state WHERE key = 'cursor'") < serverEvents;
        ctl.kill();  // SIGKILL
        ASSERT_TRUE(ctl.waitForFinished(10000));
        if (ctl.exitStatus() == QProcess::NormalExit) {  // it finished just before the signal
            ++finishedEarly;
            EXPECT_EQ(ctl.exitCode(), 0) << ctl.readAllStandardError().toStdString();
            topUp();
            continue;
        }
        ++kills;
        killsWhilePushing += pushing;
        killsWhilePulling += pulling;
        if (pushing || pulling) ++killsWithWorkLeft;
    }
    const qint64 killingMs = clock.elapsed();
    QProcess ctl;
    ctl.start(QStringLiteral(PAVILIONCTL_PATH), args);
    ASSERT_TRUE(ctl.waitForFinished(60000));
    const QString out = QString::fromUtf8(ctl.readAllStandardOutput());
    const QString err = QString::fromUtf8(ctl.readAllStandardError());
    std::cerr << "[ crash-b ] " << kills << " kills (" << killsWhilePushing << " while pushing, " << killsWhilePulling
              << " while pulling), " << finishedEarly << " runs finished before their kill (" << topUps
              << " top-ups of 200 + 200), " << killingMs << " ms; last run: " << out.toStdString();
    EXPECT_EQ(ctl.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(ctl.exitCode(), 0) << out.toStdString() << err.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("in sync with"))) << out.toStdString();
    EXPECT_GE(kills, 20);
    EXPECT_GE(killsWithWorkLeft, 1) << "no kill landed while there was work";

    EXPECT_EQ(pavilion.unsent(), 0);
    EXPECT_EQ(countRows(home.dbPath(), "SELECT COUNT(*) FROM events"), foreign + own);
    expectExactlyOnce(pavilion.dbPath(), home.dbPath(), own);
    EXPECT_EQ(SyncState(pavilion.db(), pavilion.id()).cursor(),
              countRows(home.dbPath(), "SELECT MAX(server_seq) FROM events"));
    EXPECT_EQ(server.stop(), 0) << server.log().toStdString();
}
