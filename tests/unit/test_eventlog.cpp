// storage/eventlog: local sequence numbers, foreign events (re-sent, conflicting), terminal binding.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "core/clock.h"
#include "core/event.h"
#include "storage/database.h"
#include "storage/eventlog.h"
#include "testsupport.h"

using namespace pavilion;

namespace {

const QDateTime kT0 = QDateTime(QDate(2024, 5, 1), QTime(8, 0, 0, 125), Qt::UTC);

class EventLogTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir_.isValid());
        db_ = Database::open(dir_.filePath(QStringLiteral("pavilion.db")));
    }

    Event local(const QString& terminal, const QString& text = QStringLiteral("x")) {
        Event e = makeEvent(QStringLiteral("Test"), terminal, kT0, QJsonObject{{QStringLiteral("text"), text}});
        Database::Transaction tx(*db_);
        EventLog(*db_).appendLocal(e);
        tx.commit();
        return e;
    }

    static Event foreign(qint64 seq, const QString& text) {
        Event e = makeEvent(QStringLiteral("IssueSupported"), QStringLiteral("yayuan-meeting-room"), kT0.addSecs(seq),
                            QJsonObject{{QStringLiteral("text"), text}, {QStringLiteral("emoji"), QStringLiteral("😀𠀀")}});
        e.terminalSeq = seq;
        return e;
    }

    QTemporaryDir dir_;
    std::unique_ptr<Database> db_;
};

}  // namespace

TEST_F(EventLogTest, LocalEventsGetConsecutiveSequenceNumbersPerTerminal) {
    EXPECT_EQ(local(QStringLiteral("t-a")).terminalSeq, 1);
    EXPECT_EQ(local(QStringLiteral("t-a")).terminalSeq, 2);
    EXPECT_EQ(local(QStringLiteral("t-b")).terminalSeq, 1);
    EXPECT_EQ(local(QStringLiteral("t-a")).terminalSeq, 3);
    EventLog log(*db_);
    EXPECT_EQ(log.count(), 4);
    EXPECT_EQ(db_->scalar("SELECT MAX(terminal_seq) FROM events WHERE terminal_id='t-a'"), 3);
}

TEST_F(EventLogTest, StoredEventReadsBackIdentically) {
    Event e = makeEvent(QStringLiteral("IssueReported"), QStringLiteral("t-a"), kT0,
                        QJsonObject{{QStringLiteral("text"), QStringLiteral("'); DROP TABLE events;-- 😀 𠀀")},
                                    {QStringLiteral("nested"), QJsonObject{{QStringLiteral("n"), 1}}}});
    {
        Database::Transaction tx(*db_);
        EventLog(*db_).appendLocal(e);
        tx.commit();
    }
    const std::optional<Event> back = EventLog(*db_).find(e.id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->canonicalJson(), e.canonicalJson());
    EXPECT_EQ(back->occurredAt, kT0);
    EXPECT_FALSE(EventLog(*db_).find(newUuid()).has_value());
}

TEST_F(EventLogTest, AllIsInTheOrderEventsWereStored) {
    QStringList ids;
    for (int i = 0; i < 5; ++i) ids << local(i % 2 ? QStringLiteral("t-b") : QStringLiteral("t-a")).id;
    QStringList got;
    for (const Event& e : EventLog(*db_).all()) got << e.id;
    EXPECT_EQ(got, ids);
}

TEST_F(EventLogTest, ForeignEventIsInsertedOnceThenAlreadyPresent) {
    EventLog log(*db_);
    const Event e = foreign(1, QStringLiteral("附议"));
    EXPECT_EQ(log.insertForeign(e), EventLog::InsertResult::Inserted);
    EXPECT_EQ(log.insertForeign(e), EventLog::InsertResult::AlreadyPresent);
    // A copy that went through JSON (as sync delivers it) is the same event.
    Event copy;
    ASSERT_TRUE(Event::fromJson(e.toJson(), &copy, nullptr));
    EXPECT_EQ(log.insertForeign(copy), EventLog::InsertResult::AlreadyPresent);
    EXPECT_EQ(log.count(), 1);
    EXPECT_EQ(log.find(e.id)->terminalSeq, 1);
}

TEST_F(EventLogTest, SameIdWithOtherContentIsAConflictAndNeverOverwrites) {
    EventLog log(*db_);
    const Event e = foreign(1, QStringLiteral("original"));
    ASSERT_EQ(log.insertForeign(e), EventLog::InsertResult::Inserted);

    Event otherPayload = e;
    otherPayload.payload.insert(QStringLiteral("text"), QStringLiteral("tampered"));
    EXPECT_EQ(log.insertForeign(otherPayload), EventLog::InsertResult::Conflict);

    Event otherSeq = e;
    otherSeq.terminalSeq = 2;
    EXPECT_EQ(log.insertForeign(otherSeq), EventLog::InsertResult::Conflict);

    Event otherTime = e;
    otherTime.occurredAt = e.occurredAt.addMSecs(1);
    EXPECT_EQ(log.insertForeign(otherTime), EventLog::InsertResult::Conflict);

    EXPECT_EQ(log.count(), 1);
    EXPECT_EQ(log.find(e.id)->payload.value(QStringLiteral("text")).toString(), QStringLiteral("original"));
}

TEST_F(EventLogTest, ForeignEventsDoNotDisturbLocalNumbering) {
    EventLog log(*db_);
    ASSERT_EQ(log.insertForeign(foreign(7, QStringLiteral("a"))), EventLog::InsertResult::Inserted);
    EXPECT_EQ(local(QStringLiteral("t-a")).terminalSeq, 1);
    EXPECT_EQ(local(QStringLiteral("t-a")).terminalSeq, 2);
}

TEST_F(EventLogTest, UnpushedListsOwnEventsInSequenceOrder) {
    EventLog log(*db_);
    const Event a1 = local(QStringLiteral("t-a"));
    local(QStringLiteral("t-b"));
    const Event a2 = local(QStringLiteral("t-a"));
    const Event a3 = local(QStringLiteral("t-a"));
    ASSERT_EQ(log.insertForeign(foreign(1, QStringLiteral("f"))), EventLog::InsertResult::Inserted);

    EXPECT_EQ(log.countUnpushed(QStringLiteral("t-a")), 3);
    const QList<Event> two = log.unpushed(QStringLiteral("t-a"), 2);
    ASSERT_EQ(two.size(), 2);
    EXPECT_EQ(two.at(0).id, a1.id);
    EXPECT_EQ(two.at(1).id, a2.id);

    db_->exec("UPDATE events SET pushed = 1 WHERE terminal_id = 't-a' AND terminal_seq = 1");
    EXPECT_EQ(log.countUnpushed(QStringLiteral("t-a")), 2);
    const QList<Event> rest = log.unpushed(QStringLiteral("t-a"), 10);
    ASSERT_EQ(rest.size(), 2);
    EXPECT_EQ(rest.at(0).id, a2.id);
    EXPECT_EQ(rest.at(1).id, a3.id);
}

TEST_F(EventLogTest, BindTerminalRefusesAnotherTerminal) {
    EXPECT_TRUE(EventLog::boundTerminal(*db_).isEmpty());
    EXPECT_EQ(EventLog::bindTerminal(*db_, QStringLiteral("yayuan-pavilion-shuxiang")), QStringLiteral("yayuan-pavilion-shuxiang"));
    EXPECT_EQ(EventLog::bindTerminal(*db_, QStringLiteral("yayuan-pavilion-shuxiang")), QStringLiteral("yayuan-pavilion-shuxiang"));
    try {
        EventLog::bindTerminal(*db_, QStringLiteral("yayuan-meeting-room"));
        FAIL() << "bound a second terminal";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreError::Kind::Identity);
        EXPECT_TRUE(e.message().contains(QStringLiteral("yayuan-pavilion-shuxiang"))) << e.what();
        EXPECT_TRUE(e.message().contains(QStringLiteral("yayuan-meeting-room"))) << e.what();
    }
    EXPECT_EQ(EventLog::boundTerminal(*db_), QStringLiteral("yayuan-pavilion-shuxiang"));

    // The binding is stored in the file.
    db_.reset();
    db_ = Database::open(dir_.filePath(QStringLiteral("pavilion.db")));
    EXPECT_EQ(EventLog::boundTerminal(*db_), QStringLiteral("yayuan-pavilion-shuxiang"));
    EXPECT_THROW(EventLog::bindTerminal(*db_, QStringLiteral("yayuan-board-1")), StoreError);
}
