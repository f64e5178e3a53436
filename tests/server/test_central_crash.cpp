// kill -9 during a stream of pushes: after a restart the store is intact, every acknowledged event
// is there exactly once with the serverSeq it was acknowledged with, and pushing everything again
// gives only stored and duplicate.
#include <gtest/gtest.h>

#include <QHash>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "centralprocess.h"
#include "httpclient.h"
#include "testevents.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::testing;

TEST(CentralCrash, KillNineDuringPushesLosesNoAcknowledgedEvent) {
    CentralHome home;
    ASSERT_TRUE(home.valid());
    const QByteArray secret = home.enrol(QStringLiteral("kiosk-a"));
    CentralServer server;
    ASSERT_TRUE(home.startServer(&server));

    constexpr int kBatches = 400;
    constexpr int kPerBatch = 25;
    QList<QList<Event>> batches;
    for (int b = 0; b < kBatches; ++b)
        batches << noteEvents(QStringLiteral("kiosk-a"), 1 + b * kPerBatch, kPerBatch);

    std::mutex mutex;
    QHash<QString, qint64> acknowledged;  // id -> serverSeq from a 200
    std::atomic<int> sent{0};
    std::atomic<int> failures{0};
    std::thread pusher([&] {
        SignedClient client(server.baseUrl(), QStringLiteral("kiosk-a"), secret);
        for (int b = 0; b < kBatches; ++b) {
            sent = b + 1;
            const HttpReply r = client.push(batches.at(b));
            sync::PushReply reply;
            QString error;
            if (r.status != 200 || !sync::decodePushReply(r.body, batches.at(b), &reply, &error)) {
                ++failures;  // the server is gone: every later push fails too
                if (failures > 3) return;
                continue;
            }
            std::lock_guard lock(mutex);
            for (const sync::PushResult& result : reply.results)
                acknowledged.insert(result.id, result.serverSeq);
        }
    });
    // Let a few batches through, then kill it in the middle of the stream.
    for (int waited = 0; waited < 200; ++waited) {
        {
            std::lock_guard lock(mutex);
            if (acknowledged.size() >= 10 * kPerBatch) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(37));
    server.kill9();
    pusher.join();
    const int attempted = sent;
    ASSERT_GE(acknowledged.size(), 10 * kPerBatch)
        << "too few pushes before the kill to mean anything";
    ASSERT_LT(attempted, kBatches)
        << "the server was killed after the stream ended; make it longer";

    {
        RawDb db(home.dbPath());
        EXPECT_EQ(db.text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
            const QString where = QStringLiteral(" FROM events WHERE id = '%1'").arg(it.key());
            ASSERT_EQ(db.integer(QStringLiteral("SELECT COUNT(*)") + where), 1)
                << it.key().toStdString();
            EXPECT_EQ(db.integer(QStringLiteral("SELECT local_seq") + where), it.value());
        }
    }

    CentralServer restarted;
    ASSERT_TRUE(home.startServer(&restarted));
    SignedClient client(restarted.baseUrl(), QStringLiteral("kiosk-a"), secret);
    int stored = 0;
    int duplicates = 0;
    for (int b = 0; b < attempted; ++b) {
        const sync::PushReply reply = readPushReply(client.push(batches.at(b)), batches.at(b));
        EXPECT_TRUE(reply.conflicts.isEmpty())
            << "batch " << b << ": " << reply.conflicts.value(0).reason.toStdString();
        for (const sync::PushResult& r : reply.results) {
            if (r.status == sync::PushStatus::Duplicate) {
                ++duplicates;
                if (acknowledged.contains(r.id)) {
                    EXPECT_EQ(r.serverSeq, acknowledged.value(r.id));
                }
            } else {
                ++stored;
                EXPECT_FALSE(acknowledged.contains(r.id)) << "an acknowledged event was lost";
            }
        }
    }
    EXPECT_GE(duplicates, acknowledged.size());
    EXPECT_EQ(stored + duplicates, attempted * kPerBatch);
    EXPECT_EQ(restarted.stop(), 0) << restarted.log().toStdString();
    RawDb db(home.dbPath());
    EXPECT_EQ(db.integer(QStringLiteral("SELECT COUNT(*) FROM events")), attempted * kPerBatch);
}
