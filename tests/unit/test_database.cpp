// storage/database: durability settings, schema version, refusing what it must not touch,
// transactions, the append-only event table.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include "core/clock.h"
#include "core/event.h"
#include "storage/database.h"
#include "storage/eventlog.h"
#include "storage/migrations.h"
#include "testsupport.h"

using namespace pavilion;
using pavilion::testing::filesIn;
using pavilion::testing::RawDb;
using pavilion::testing::readFile;
using pavilion::testing::writeFile;

namespace {

class DatabaseTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(dir_.isValid()); }
    QString path(const QString& name = QStringLiteral("pavilion.db")) const { return dir_.filePath(name); }

    // Asks the sqlite3 handle directly, bypassing Database's helpers.
    static QString pragmaText(Database& db, const char* sql) {
        sqlite3_stmt* s = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db.handle(), sql, -1, &s, nullptr), SQLITE_OK);
        QString out;
        if (sqlite3_step(s) == SQLITE_ROW) out = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        return out;
    }

    StoreError::Kind openFailureKind(const QString& p, Database::Options o = {}) {
        try {
            Database::open(p, o);
        } catch (const StoreError& e) {
            lastMessage_ = e.message();
            return e.kind();
        }
        ADD_FAILURE() << "opened " << p.toStdString();
        return StoreError::Kind::Other;
    }

    Event appendOneEvent(Database& db) {
        Event e = makeEvent(QStringLiteral("Test"), QStringLiteral("t-1"), QDateTime::currentDateTimeUtc(),
                            QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}});
        Database::Transaction tx(db);
        EventLog(db).appendLocal(e);
        tx.commit();
        return e;
    }

    QTemporaryDir dir_;
    QString lastMessage_;
};

}  // namespace

TEST_F(DatabaseTest, OpenPutsWalAndSynchronousFullInForce) {
    auto db = Database::open(path());
    EXPECT_EQ(pragmaText(*db, "PRAGMA journal_mode").toLower(), QStringLiteral("wal"));
    EXPECT_EQ(pragmaText(*db, "PRAGMA synchronous"), QStringLiteral("2"));  // FULL
    EXPECT_EQ(pragmaText(*db, "PRAGMA foreign_keys"), QStringLiteral("1"));
    // WAL is a property of the file: another connection sees it too.
    RawDb raw(path());
    EXPECT_EQ(raw.text(QStringLiteral("PRAGMA journal_mode")).toLower(), QStringLiteral("wal"));
}

TEST_F(DatabaseTest, FreshDatabaseIsAtTheLatestSchema) {
    ASSERT_GE(latestSchemaVersion(), 1);
    EXPECT_EQ(latestSchemaVersion(), migrations().back().version);
    auto db = Database::open(path());
    EXPECT_EQ(db->userVersion(), latestSchemaVersion());
    EXPECT_EQ(pragmaText(*db, "PRAGMA user_version").toInt(), latestSchemaVersion());
    for (const char* table : {"meta", "events", "issues", "issue_timeline"}) {
        EXPECT_EQ(db->scalar((QByteArray("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='") + table + "'").constData()), 1)
            << table;
    }
    EXPECT_EQ(db->path(), path());
}

TEST_F(DatabaseTest, MigrationVersionsIncreaseStrictly) {
    int last = 0;
    for (const Migration& m : migrations()) {
        EXPECT_GT(m.version, last);
        last = m.version;
    }
}

TEST_F(DatabaseTest, FreshDatabaseMakesNoBackup) {
    {
        auto db = Database::open(path());
        EXPECT_TRUE(db->backupPathUsedForLastMigration().isEmpty());
    }
    // Reopening an up-to-date database does not migrate, so it does not back up either.
    auto again = Database::open(path());
    EXPECT_TRUE(again->backupPathUsedForLastMigration().isEmpty());
    EXPECT_EQ(again->userVersion(), latestSchemaVersion());
    for (const QString& f : filesIn(dir_.path())) EXPECT_FALSE(f.endsWith(QStringLiteral(".bak"))) << f.toStdString();
}

TEST_F(DatabaseTest, ReopenKeepsCommittedData) {
    {
        auto db = Database::open(path());
        db->exec("INSERT INTO meta(key, value) VALUES('k', '雅苑😀')");
    }
    auto db = Database::open(path());
    Statement s(*db, "SELECT value FROM meta WHERE key='k'");
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.text(0), QStringLiteral("雅苑😀"));
}

TEST_F(DatabaseTest, NewerSchemaIsRefusedAndItsDataLeftAlone) {
    const int newer = latestSchemaVersion() + 1;
    {
        RawDb raw(path(), true);
        ASSERT_EQ(raw.exec(QStringLiteral("CREATE TABLE future(x TEXT); INSERT INTO future VALUES('from the future');")), SQLITE_OK);
        ASSERT_EQ(raw.exec(QStringLiteral("PRAGMA user_version=%1").arg(newer)), SQLITE_OK);
    }
    EXPECT_EQ(openFailureKind(path()), StoreError::Kind::NewerSchema);
    EXPECT_TRUE(lastMessage_.contains(path())) << lastMessage_.toStdString();

    RawDb raw(path());
    EXPECT_EQ(raw.integer(QStringLiteral("PRAGMA user_version")), newer);
    EXPECT_EQ(raw.text(QStringLiteral("SELECT x FROM future")), QStringLiteral("from the future"));
    EXPECT_EQ(raw.integer(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('events','issues','meta')")), 0);
    // No migration ran, so no backup was made.
    for (const QString& f : filesIn(dir_.path())) EXPECT_FALSE(f.endsWith(QStringLiteral(".bak"))) << f.toStdString();
}

// Regression (was a bug in src/storage/database.cpp:114-115, Database::open): applyDurability() runs before migrate()
// looks at user_version, so opening a newer-schema file first switches it to journal_mode=WAL
// (rewriting header bytes 18-19) and only then refuses it with the message "the file was not
// changed". The user_version check must come before anything that writes.
TEST_F(DatabaseTest, NewerSchemaFileBytesAreUnchanged) {
    {
        RawDb raw(path(), true);
        ASSERT_EQ(raw.exec(QStringLiteral("CREATE TABLE future(x TEXT); INSERT INTO future VALUES('v');")), SQLITE_OK);
        ASSERT_EQ(raw.exec(QStringLiteral("PRAGMA user_version=%1").arg(latestSchemaVersion() + 5)), SQLITE_OK);
    }
    const QByteArray before = readFile(path());
    EXPECT_EQ(openFailureKind(path()), StoreError::Kind::NewerSchema);
    EXPECT_TRUE(lastMessage_.contains(QStringLiteral("not changed"))) << lastMessage_.toStdString();
    const QByteArray after = readFile(path());
    ASSERT_EQ(after.size(), before.size());
    for (int i = 0; i < before.size(); ++i) ASSERT_EQ(after.at(i), before.at(i)) << "first changed byte at offset " << i;
}

TEST_F(DatabaseTest, GarbageFileIsRefusedAsCorruptAndLeftAlone) {
    QByteArray garbage;
    for (int i = 0; i < 8192; ++i) garbage.append(static_cast<char>((i * 7919 + 13) % 251));
    writeFile(path(), garbage);
    EXPECT_EQ(openFailureKind(path()), StoreError::Kind::Corrupt);  // SQLITE_NOTADB
    EXPECT_TRUE(lastMessage_.contains(path())) << lastMessage_.toStdString();
    EXPECT_EQ(readFile(path()), garbage);
}

TEST_F(DatabaseTest, TextFileIsRefusedAsCorrupt) {
    writeFile(path(), QByteArray("{\"this\": \"is a config, not a database\"}\n").repeated(200));
    EXPECT_EQ(openFailureKind(path()), StoreError::Kind::Corrupt);
}

TEST_F(DatabaseTest, DamagedPagesAreReportedAsCorrupt) {
    {
        auto db = Database::open(path());
        Database::Transaction tx(*db);
        for (int i = 0; i < 400; ++i) {
            Statement s(*db, "INSERT INTO meta(key, value) VALUES(?, ?)");
            s.bind(1, QStringLiteral("key-%1").arg(i)).bind(2, QStringLiteral("雅苑社区").repeated(20));
            s.run();
        }
        tx.commit();
    }
    ASSERT_TRUE(filesIn(dir_.path()).filter(QStringLiteral("-wal")).isEmpty()) << "closing should checkpoint the WAL";
    QByteArray bytes = readFile(path());
    const int pageSize = 4096;
    ASSERT_GT(bytes.size(), 8 * pageSize);
    // Overwrite pages 3..6 (never the header page) with noise.
    for (int i = 2 * pageSize; i < 6 * pageSize; ++i) bytes[i] = static_cast<char>((i * 31) & 0xff);
    writeFile(path(), bytes);
    EXPECT_EQ(openFailureKind(path()), StoreError::Kind::Corrupt) << lastMessage_.toStdString();
}

TEST_F(DatabaseTest, EmptyFileIsAFreshDatabase) {
    writeFile(path(), QByteArray());
    auto db = Database::open(path());
    EXPECT_EQ(db->userVersion(), latestSchemaVersion());
}

TEST_F(DatabaseTest, UnopenablePathIsAnIoError) {
    EXPECT_EQ(openFailureKind(dir_.filePath(QStringLiteral("no/such/dir/pavilion.db"))), StoreError::Kind::Io);
}

TEST_F(DatabaseTest, TransactionRollsBackWhenDestroyedWithoutCommit) {
    auto db = Database::open(path());
    {
        Database::Transaction tx(*db);
        db->exec("INSERT INTO meta(key, value) VALUES('uncommitted', 'x')");
        EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM meta WHERE key='uncommitted'"), 1);  // visible inside
    }
    EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM meta WHERE key='uncommitted'"), 0);
    // The connection is usable for a new transaction afterwards.
    {
        Database::Transaction tx(*db);
        db->exec("INSERT INTO meta(key, value) VALUES('committed', 'y')");
        tx.commit();
    }
    EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM meta WHERE key='committed'"), 1);
    RawDb raw(path());
    EXPECT_EQ(raw.integer(QStringLiteral("SELECT COUNT(*) FROM meta WHERE key IN ('committed','uncommitted')")), 1);
}

TEST_F(DatabaseTest, TransactionRollsBackWhenAnExceptionLeavesTheScope) {
    auto db = Database::open(path());
    try {
        Database::Transaction tx(*db);
        db->exec("INSERT INTO meta(key, value) VALUES('a', '1')");
        db->exec("INSERT INTO meta(key, value) VALUES('a', '2')");  // PRIMARY KEY: throws
        tx.commit();
        FAIL() << "duplicate key accepted";
    } catch (const StoreError&) {
        // expected: SQLITE_CONSTRAINT
    }
    EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM meta WHERE key='a'"), 0);
}

TEST_F(DatabaseTest, SecondWriterGetsBusy) {
    auto first = Database::open(path());
    auto second = Database::open(path(), Database::Options{true, 100});
    Database::Transaction hold(*first);
    first->exec("INSERT INTO meta(key, value) VALUES('held', '1')");
    try {
        Database::Transaction tx(*second);
        FAIL() << "two writers at once";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreError::Kind::Busy) << e.what();
    }
    hold.commit();
    Database::Transaction tx(*second);  // free again
    tx.commit();
}

TEST_F(DatabaseTest, EventsCannotBeUpdatedOrDeleted) {
    auto db = Database::open(path());
    const Event e = appendOneEvent(*db);
    const QByteArray payloadBefore = RawDb(path()).text(QStringLiteral("SELECT payload FROM events")).toUtf8();

    for (const char* sql : {"UPDATE events SET payload = '{}'", "UPDATE events SET type = 'Other'",
                            "UPDATE events SET terminal_seq = 99", "UPDATE events SET id = 'x'",
                            "DELETE FROM events"}) {
        EXPECT_THROW(db->exec(sql), StoreError) << sql;
    }
    EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM events"), 1);
    RawDb raw(path());
    EXPECT_EQ(raw.text(QStringLiteral("SELECT payload FROM events")).toUtf8(), payloadBefore);
    EXPECT_EQ(raw.text(QStringLiteral("SELECT type FROM events")), QStringLiteral("Test"));
    EXPECT_EQ(raw.text(QStringLiteral("SELECT id FROM events")), e.id);
    // Even another connection, without Pavilion's code, cannot change the log.
    EXPECT_NE(raw.exec(QStringLiteral("DELETE FROM events")), SQLITE_OK);
    EXPECT_EQ(raw.integer(QStringLiteral("SELECT COUNT(*) FROM events")), 1);
}

TEST_F(DatabaseTest, SyncBookkeepingColumnsStayWritable) {
    auto db = Database::open(path());
    appendOneEvent(*db);
    EXPECT_NO_THROW(db->exec("UPDATE events SET pushed = 1, server_seq = 7"));
    EXPECT_EQ(db->scalar("SELECT server_seq FROM events WHERE pushed = 1"), 7);
}

TEST_F(DatabaseTest, IntegrityCheckCanBeSkipped) {
    { Database::open(path()); }
    auto db = Database::open(path(), Database::Options{false, 1000});
    EXPECT_EQ(db->userVersion(), latestSchemaVersion());
}

namespace {

// The product's schema plus one more step, to exercise a real upgrade.
std::vector<Migration> productPlusOne(const char* sql) {
    std::vector<Migration> list = migrations();
    list.push_back({latestSchemaVersion() + 1, sql});
    return list;
}

}  // namespace

TEST_F(DatabaseTest, UpgradeMakesABackupOfTheOldDataFirst) {
    const Event e = [&] {
        auto db = Database::open(path());
        return appendOneEvent(*db);
    }();
    const auto next = productPlusOne("CREATE TABLE upgrade_marker(x INTEGER); INSERT INTO upgrade_marker VALUES(7);");
    Database::Options o;
    o.migrations = &next;
    auto db = Database::open(path(), o);
    EXPECT_EQ(db->userVersion(), latestSchemaVersion() + 1);
    EXPECT_EQ(db->scalar("SELECT x FROM upgrade_marker"), 7);

    const QString backup = db->backupPathUsedForLastMigration();
    ASSERT_FALSE(backup.isEmpty());
    ASSERT_TRUE(QFileInfo::exists(backup)) << backup.toStdString();
    // The backup is the database as it was: old version, the event, no new table.
    auto old = Database::open(backup);
    EXPECT_EQ(old->userVersion(), latestSchemaVersion());
    EXPECT_TRUE(EventLog(*old).find(e.id).has_value());
    EXPECT_THROW(old->scalar("SELECT x FROM upgrade_marker"), StoreError);
}

TEST_F(DatabaseTest, FailedMigrationLeavesTheOldVersionInPlace) {
    {
        auto db = Database::open(path());
        appendOneEvent(*db);
    }
    const auto broken = productPlusOne("CREATE TABLE half_done(x INTEGER); THIS IS NOT SQL;");
    Database::Options o;
    o.migrations = &broken;
    EXPECT_THROW(Database::open(path(), o), StoreError);
    // Each migration is one transaction: nothing of it stays, the version is unchanged.
    auto db = Database::open(path());
    EXPECT_EQ(db->userVersion(), latestSchemaVersion());
    EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"), 0);
    EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM events"), 1);
}
