// core/clock: the hand-written fast paths of isoUtc/parseIsoUtc give exactly what Qt gives.
#include <gtest/gtest.h>

#include <random>

#include <QTimeZone>

#include "core/clock.h"
#include "testsupport.h"

using namespace pavilion;

TEST(Clock, IsoUtcMatchesQtForRandomTimes) {
    std::mt19937_64 rng(20261122);
    // Years 1000 to 9999 in milliseconds since the epoch, plus a band around today.
    const qint64 lo = QDateTime(QDate(1000, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 hi = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
    std::uniform_int_distribution<qint64> any(lo, hi), recent(1'600'000'000'000, 1'900'000'000'000);
    for (int i = 0; i < 20000; ++i) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(i % 2 ? any(rng) : recent(rng), Qt::UTC);
        const QString qt = t.toString(Qt::ISODateWithMs);
        ASSERT_EQ(isoUtc(t), qt);
        ASSERT_EQ(parseIsoUtc(qt), QDateTime::fromString(qt, Qt::ISODateWithMs).toUTC()) << qt.toStdString();
    }
}

TEST(Clock, IsoUtcOfOtherZonesAndOddStringsFallsBackToQt) {
    const QDateTime beijing(QDate(2024, 5, 1), QTime(16, 30, 15, 250), QTimeZone(8 * 3600));
    EXPECT_EQ(isoUtc(beijing), QStringLiteral("2024-05-01T08:30:15.250Z"));
    for (const char* s : {"2024-05-01T08:30:15.250+08:00", "2024-05-01T24:00:00.000Z", "2024-02-30T08:00:00.000Z",
                          "2024-05-01T08:30:15Z", "0999-05-01T08:30:15.250Z", "2024-05-01T08:60:00.000Z",
                          "2024-05-01 08:30:15.250Z", "２０２４-05-01T08:30:15.250Z", "", "garbage"}) {
        const QString text = QString::fromUtf8(s);
        QDateTime expected = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!expected.isValid()) expected = QDateTime::fromString(text, Qt::ISODate);
        EXPECT_EQ(parseIsoUtc(text), expected.toUTC()) << s;
    }
}
