// GET /v1/events?after=N&limit=M (PROTOCOL.md §6) against the real server: the global order,
// paging with next and more, and the refused queries.
#include <gtest/gtest.h>

#include "centralprocess.h"
#include "httpclient.h"
#include "testevents.h"
#include "twodevices.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

using CentralPull = TwoDevicesTest;

}  // namespace

TEST_F(CentralPull, PagesThroughEveryonesEventsInStoreOrder) {
    // Interleaved pushes from two terminals: the global order is the order they were stored.
    QList<QString> order;
    QList<qint64> seqs;
    for (int round = 0; round < 4; ++round) {
        const QList<Event> fromA = noteEvents(QStringLiteral("kiosk-a"), 1 + round * 2, 2);
        const QList<Event> fromB = noteEvents(QStringLiteral("kiosk-b"), 1 + round * 3, 3);
        for (const auto& [client, batch] : {std::pair{a(), fromA}, std::pair{b(), fromB}}) {
            const sync::PushReply reply = readPushReply(client.push(batch), batch);
            ASSERT_EQ(reply.results.size(), batch.size());
            for (const sync::PushResult& r : reply.results) {
                order << r.id;
                seqs << r.serverSeq;
            }
        }
    }
    ASSERT_EQ(order.size(), 20);

    // Pages of 3, as kiosk-a: its own events come back too.
    QList<QString> pulled;
    QList<qint64> pulledSeqs;
    qint64 cursor = 0;
    int pages = 0;
    for (;;) {
        const sync::PullPage page = readPullReply(a().pull(cursor, 3), cursor, 3);
        ASSERT_LE(page.events.size(), 3);
        for (qsizetype i = 0; i < page.events.size(); ++i) {
            pulled << page.events.at(i).id;
            pulledSeqs << page.serverSeqs.at(i);
        }
        ++pages;
        if (!page.more) {
            EXPECT_EQ(page.next, pulledSeqs.last());
            break;
        }
        ASSERT_EQ(page.events.size(), 3) << "a short page must not say more";
        cursor = page.next;
        ASSERT_LT(pages, 20) << "more never became false";
    }
    EXPECT_EQ(pages, 7);  // 6 full pages and one of 2
    EXPECT_EQ(pulled, order);
    EXPECT_EQ(pulledSeqs, seqs);

    // Past the end: an empty page that keeps the cursor and does not say more.
    const HttpReply end = b().pull(pulledSeqs.last(), 10);
    const sync::PullPage empty = readPullReply(end, pulledSeqs.last(), 10);
    EXPECT_TRUE(empty.events.isEmpty());
    EXPECT_EQ(empty.next, pulledSeqs.last());
    EXPECT_FALSE(empty.more);

    // A page that ends exactly at the last event does not say more.
    const sync::PullPage exact =
        readPullReply(a().pull(pulledSeqs.at(16), 3), pulledSeqs.at(16), 3);
    EXPECT_EQ(exact.events.size(), 3);
    EXPECT_FALSE(exact.more);
}

TEST_F(CentralPull, ThePulledEventIsTheEventThatWasPushed) {
    const Event report = issueReported(QStringLiteral("kiosk-b"), 1, QStringLiteral("Q7W8E9"));
    readPushReply(b().push({report}), {report});
    const sync::PullPage page = readPullReply(a().pull(0, 500), 0, 500);
    ASSERT_EQ(page.events.size(), 1);
    EXPECT_EQ(page.events.at(0).canonicalJson(), report.canonicalJson());
}

TEST_F(CentralPull, DefaultsAndRefusedQueries) {
    const QList<Event> batch = noteEvents(QStringLiteral("kiosk-a"), 1, 2);
    readPushReply(a().push(batch), batch);
    // Both parameters are optional.
    HttpReply reply = a().signedRequest("GET", "/v1/events");
    EXPECT_EQ(readPullReply(reply, 0, 500).events.size(), 2);
    reply = a().signedRequest("GET", "/v1/events?limit=1");
    EXPECT_EQ(readPullReply(reply, 0, 1).events.size(), 1);

    for (const char* target : {"/v1/events?after=-1&limit=10", "/v1/events?after=0&limit=0",
                               "/v1/events?after=0&limit=1001", "/v1/events?afer=5",
                               "/v1/events?after=1&after=2", "/v1/events?after=%31"}) {
        reply = a().signedRequest("GET", target);
        EXPECT_EQ(reply.status, 400) << target << "\n" << reply;
        EXPECT_EQ(reply.errorCode(), QStringLiteral("bad-request")) << target << "\n" << reply;
    }
    reply = a().signedRequest("GET", "/v1/events?afer=5");
    EXPECT_TRUE(reply.errorMessage().contains(QStringLiteral("afer"))) << reply;
}

TEST_F(CentralPull, LargeEventsArePagedToStayUnderTheTerminalsReplyLimit) {
    // Three events of 3 MiB each: one push each is within 4 MiB, but a page of all three would
    // pass the 8 MiB a terminal reads (decodePullReply refuses it), so the server pages by size.
    QList<Event> big;
    for (int i = 1; i <= 3; ++i) {
        Event e =
            noteEvent(QStringLiteral("kiosk-a"), i, QString(3 * 1024 * 1024, QChar(u'a' + i)));
        big << e;
        ASSERT_EQ(readPushReply(a().push({e}), {e}).results.size(), 1);
    }
    const HttpReply first = b().pull(0, 10);
    EXPECT_LE(first.body.size(), sync::kMaxReplyBodyBytes);
    const sync::PullPage page1 = readPullReply(first, 0, 10);
    ASSERT_GE(page1.events.size(), 1);
    ASSERT_LT(page1.events.size(), 3);
    EXPECT_TRUE(page1.more);

    QList<QString> ids;
    for (const Event& e : page1.events) ids << e.id;
    qint64 cursor = page1.next;
    while (ids.size() < 3) {
        const HttpReply reply = b().pull(cursor, 10);
        EXPECT_LE(reply.body.size(), sync::kMaxReplyBodyBytes);
        const sync::PullPage page = readPullReply(reply, cursor, 10);
        ASSERT_FALSE(page.events.isEmpty());
        for (const Event& e : page.events) ids << e.id;
        cursor = page.next;
        if (!page.more) break;
    }
    ASSERT_EQ(ids.size(), 3);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(ids.at(i), big.at(i).id);
}
