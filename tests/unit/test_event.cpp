// core/event: JSON form of an event, its canonical bytes, and what fromJson refuses.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QTimeZone>
#include <QUuid>

#include "core/clock.h"
#include "core/event.h"
#include "testsupport.h"

using namespace pavilion;

namespace {

const QDateTime kAt = QDateTime(QDate(2024, 5, 1), QTime(8, 30, 15, 250), Qt::UTC);

Event sampleEvent() {
    Event e = makeEvent(QLatin1String(events::kIssueReported), QStringLiteral("yayuan-pavilion-shuxiang"), kAt,
                        QJsonObject{{QStringLiteral("code"), QStringLiteral("K7QM3HXP")},
                                    {QStringLiteral("text"), QStringLiteral("屋顶漏水😀 𠀀 \"引号\" '); DROP TABLE issues;--")},
                                    {QStringLiteral("location"), QJsonObject{{QStringLiteral("compound"), QStringLiteral("书香雅苑")},
                                                                             {QStringLiteral("building"), QStringLiteral("3号楼")}}},
                                    {QStringLiteral("n"), 3}});
    e.terminalSeq = 42;
    return e;
}

QJsonObject validJson() { return sampleEvent().toJson(); }

bool accepts(const QJsonObject& o, QString* error = nullptr) {
    Event out;
    QString err;
    const bool ok = Event::fromJson(o, &out, &err);
    if (error) *error = err;
    return ok;
}

}  // namespace

TEST(Event, MakeEventFillsIdAndUtcTime) {
    const QDateTime beijing = QDateTime(QDate(2024, 5, 1), QTime(16, 30, 15, 250), QTimeZone(8 * 3600));
    const Event e = makeEvent(QStringLiteral("IssueSupported"), QStringLiteral("t-1"), beijing, {});
    EXPECT_FALSE(QUuid::fromString(e.id).isNull()) << e.id.toStdString();
    EXPECT_FALSE(e.id.startsWith(u'{'));
    EXPECT_EQ(e.occurredAt, kAt);
    EXPECT_EQ(e.occurredAt.timeSpec(), Qt::UTC);
    EXPECT_EQ(e.terminalSeq, 0);  // assigned by the log, not here
    EXPECT_NE(makeEvent(QStringLiteral("x"), QStringLiteral("t-1"), kAt, {}).id, e.id);
}

TEST(Event, ToJsonHasTheWireFields) {
    const QJsonObject o = sampleEvent().toJson();
    EXPECT_EQ(o.value(QStringLiteral("terminal")).toString(), QStringLiteral("yayuan-pavilion-shuxiang"));
    EXPECT_EQ(o.value(QStringLiteral("seq")).toInteger(), 42);
    EXPECT_EQ(o.value(QStringLiteral("type")).toString(), QStringLiteral("IssueReported"));
    EXPECT_EQ(o.value(QStringLiteral("at")).toString(), QStringLiteral("2024-05-01T08:30:15.250Z"));
    EXPECT_TRUE(o.value(QStringLiteral("payload")).isObject());
}

TEST(Event, JsonRoundTrip) {
    const Event e = sampleEvent();
    Event back;
    QString error;
    ASSERT_TRUE(Event::fromJson(e.toJson(), &back, &error)) << error.toStdString();
    EXPECT_EQ(back.id, e.id);
    EXPECT_EQ(back.terminalId, e.terminalId);
    EXPECT_EQ(back.terminalSeq, 42);
    EXPECT_EQ(back.type, e.type);
    EXPECT_EQ(back.occurredAt, kAt);
    EXPECT_EQ(back.occurredAt.time().msec(), 250);
    EXPECT_EQ(back.payload, e.payload);
    EXPECT_EQ(back.canonicalJson(), e.canonicalJson());
}

TEST(Event, RoundTripKeepsLargeSequenceNumbers) {
    Event e = sampleEvent();
    e.terminalSeq = qint64(1) << 40;
    Event back;
    ASSERT_TRUE(Event::fromJson(e.toJson(), &back, nullptr));
    EXPECT_EQ(back.terminalSeq, qint64(1) << 40);
}

TEST(Event, CanonicalJsonIsEqualForEqualEvents) {
    const Event a = sampleEvent();
    // The same event built separately, payload keys inserted in another order.
    Event b;
    b.id = a.id;
    b.terminalId = a.terminalId;
    b.terminalSeq = a.terminalSeq;
    b.type = a.type;
    b.occurredAt = kAt.toTimeZone(QTimeZone(8 * 3600));  // same instant, other zone
    b.payload.insert(QStringLiteral("n"), 3);
    b.payload.insert(QStringLiteral("location"), a.payload.value(QStringLiteral("location")));
    b.payload.insert(QStringLiteral("text"), a.payload.value(QStringLiteral("text")));
    b.payload.insert(QStringLiteral("code"), QStringLiteral("K7QM3HXP"));
    EXPECT_EQ(a.canonicalJson(), b.canonicalJson());
    // Compact: no newlines or indentation in the canonical form.
    EXPECT_FALSE(a.canonicalJson().contains('\n'));
}

TEST(Event, CanonicalJsonDiffersWhenAnythingDiffers) {
    const Event a = sampleEvent();
    Event b = a;
    b.payload.insert(QStringLiteral("text"), QStringLiteral("屋顶漏水"));
    EXPECT_NE(a.canonicalJson(), b.canonicalJson());
    b = a;
    b.payload.insert(QStringLiteral("n"), 4);
    EXPECT_NE(a.canonicalJson(), b.canonicalJson());
    b = a;
    b.terminalSeq = 43;
    EXPECT_NE(a.canonicalJson(), b.canonicalJson());
    b = a;
    b.occurredAt = kAt.addMSecs(1);
    EXPECT_NE(a.canonicalJson(), b.canonicalJson());
    b = a;
    b.type = QLatin1String(events::kIssueSupported);
    EXPECT_NE(a.canonicalJson(), b.canonicalJson());
}

TEST(Event, FromJsonRejectsMalformedEvents) {
    struct Case {
        const char* name;
        const char* key;
        QJsonValue value;  // Undefined: remove the key
        const char* mentions;
    };
    const Case cases[] = {
        {"id missing", "id", QJsonValue(QJsonValue::Undefined), "id"},
        {"id not a uuid", "id", QStringLiteral("not-a-uuid"), "id"},
        {"id a number", "id", 7, "id"},
        {"terminal missing", "terminal", QJsonValue(QJsonValue::Undefined), "terminal"},
        {"terminal empty", "terminal", QString(), "terminal"},
        {"seq zero", "seq", 0, "seq"},
        {"seq negative", "seq", -3, "seq"},
        {"seq fractional", "seq", 1.5, "seq"},
        {"seq as text", "seq", QStringLiteral("1"), "seq"},
        {"seq missing", "seq", QJsonValue(QJsonValue::Undefined), "seq"},
        {"type empty", "type", QString(), "type"},
        {"at missing", "at", QJsonValue(QJsonValue::Undefined), "at"},
        {"at not a time", "at", QStringLiteral("yesterday"), "at"},
        {"at impossible date", "at", QStringLiteral("2024-02-30T10:00:00.000Z"), "at"},
        {"at a number", "at", 1714552215, "at"},
        {"payload missing", "payload", QJsonValue(QJsonValue::Undefined), "payload"},
        {"payload a list", "payload", QJsonArray{1, 2}, "payload"},
        {"payload text", "payload", QStringLiteral("{}"), "payload"},
        {"payload null", "payload", QJsonValue(QJsonValue::Null), "payload"},
    };
    ASSERT_TRUE(accepts(validJson()));
    for (const Case& c : cases) {
        QJsonObject o = validJson();
        if (c.value.isUndefined()) o.remove(QLatin1String(c.key));
        else o.insert(QLatin1String(c.key), c.value);
        QString error;
        EXPECT_FALSE(accepts(o, &error)) << c.name;
        EXPECT_TRUE(error.contains(QLatin1String(c.mentions))) << c.name << ": " << error.toStdString();
    }
}

TEST(Event, FromJsonAcceptsOtherTimeZones) {
    QJsonObject o = validJson();
    o.insert(QStringLiteral("at"), QStringLiteral("2024-05-01T16:30:15.250+08:00"));
    Event out;
    ASSERT_TRUE(Event::fromJson(o, &out, nullptr));
    EXPECT_EQ(out.occurredAt, kAt);
}

TEST(Event, FromJsonRefusesATimeWithoutAZone) {
    // Read in each machine's own zone, such a time would put events in different orders.
    QJsonObject o = validJson();
    o.insert(QStringLiteral("at"), QStringLiteral("2024-05-01T08:30:15.250"));
    QString error;
    EXPECT_FALSE(accepts(o, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("zone"))) << error.toStdString();
}
