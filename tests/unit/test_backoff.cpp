// sync/client/backoff: capped exponential back-off with full jitter.
#include <gtest/gtest.h>

#include <set>

#include "sync/client/backoff.h"

using namespace pavilion::sync;
using Ms = Backoff::Millis;

TEST(Backoff, CeilingDoublesUpToTheCap) {
    std::vector<qint64> asked;
    Backoff b(Ms(1000), Ms(30'000), [&](qint64 max) {
        asked.push_back(max);
        return max;  // the top of the range: shows the ceiling itself
    });
    std::vector<qint64> delays;
    for (int i = 0; i < 8; ++i) delays.push_back(b.nextDelay().count());
    EXPECT_EQ(delays, (std::vector<qint64>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
    EXPECT_EQ(asked, delays);
    EXPECT_EQ(b.failures(), 8);
    b.reset();
    EXPECT_EQ(b.failures(), 0);
    EXPECT_EQ(b.nextDelay().count(), 1000);
}

TEST(Backoff, ManyFailuresNeverOverflow) {
    Backoff b(Ms(5000), Ms(15 * 60'000), [](qint64 max) { return max; });
    for (int i = 0; i < 10'000; ++i) ASSERT_LE(b.nextDelay().count(), 15 * 60'000);
    EXPECT_EQ(b.ceiling().count(), 15 * 60'000);
}

TEST(Backoff, FullJitterSpreadsOverTheWholeRange) {
    Backoff b(Ms(1000), Ms(60'000));  // the real random source
    std::set<qint64> seen;
    qint64 low = 60'000, high = 0;
    for (int i = 0; i < 2000; ++i) {
        b.reset();
        for (int f = 0; f < 6; ++f) b.nextDelay();  // ceiling now 60 s
        const qint64 d = b.nextDelay().count();
        ASSERT_GE(d, 0);
        ASSERT_LE(d, 60'000);
        seen.insert(std::min<qint64>(d / 6000, 9));  // ten buckets (60 s itself falls in the last)
        low = std::min(low, d);
        high = std::max(high, d);
    }
    EXPECT_EQ(seen.size(), 10u) << "delays should fill every tenth of [0, 60 s]";
    EXPECT_LT(low, 6000);
    EXPECT_GT(high, 54'000);
}

TEST(Backoff, ARandomSourceOutOfRangeIsClamped) {
    Backoff b(Ms(1000), Ms(8000), [](qint64 max) { return max * 10; });
    EXPECT_EQ(b.nextDelay().count(), 1000);
    Backoff n(Ms(1000), Ms(8000), [](qint64) { return -5; });
    EXPECT_EQ(n.nextDelay().count(), 0);
}
