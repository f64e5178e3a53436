#pragma once
// Terminals and a central server for the sync tests: each terminal is a real data directory with
// the product's store and sync client; the server is the real pavilion-central process.
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>

#include "centralprocess.h"
#include "core/clock.h"
#include "storage/database.h"
#include "storage/issuestore.h"
#include "sync/client/syncclient.h"

namespace pavilion::testing {

// The projection a person sees, as text: every issue row and timeline row in a fixed order. Two
// stores show the same truth exactly when these are equal.
QString projectionDump(const QString& databasePath);
// Event ids in a store, sorted; and the count of (terminal, seq) pairs, which must match.
QStringList eventIdsIn(const QString& databasePath);
qint64 countRows(const QString& databasePath, const char* sql);

// "http://127.0.0.1:PORT" → transport settings with test-sized timeouts.
sync::TransportSettings transportFor(const QString& baseUrl);

class TestTerminal {
public:
    TestTerminal(QString id, QByteArray secret, const Clock& clock = Clock::system());

    const QString& id() const { return id_; }
    const QByteArray& secret() const { return secret_; }
    QString dataDir() const { return dir_.path(); }
    QString dbPath() const { return dir_.filePath(QStringLiteral("pavilion.db")); }
    Database& db() { return *db_; }
    IssueStore& store() { return *store_; }

    // A resident reports a problem drawn from the seeds (the n-th of a fixed list, varied place).
    Issue report(int n);
    // A resident backs an issue this terminal knows (the n-th, modulo); false when it knows none.
    bool supportSome(int n);

    // One sync round with a fresh transport (new connections), optionally with its settings tweaked.
    sync::RoundReport sync(const sync::TransportSettings& transport, int batchSize = 500);
    qint64 unsent();
    QString projection() { return projectionDump(dbPath()); }

private:
    QString id_;
    QByteArray secret_;
    const Clock& clock_;
    QTemporaryDir dir_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<IssueStore> store_;
};

// Added for the hostile, TLS and crash tests.
// Every row of `sql` as "col|col|…" text, in the order the query gives.
QStringList rowsIn(const QString& databasePath, const char* sql);
// PRAGMA integrity_check, all lines joined: "ok" for a sound file.
QString integrityCheck(const QString& databasePath);

// The real pavilion-central on 127.0.0.1 (plain HTTP), and terminals enrolled with it.
class SyncServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(home_.valid());
        ASSERT_TRUE(home_.startServer(&server_));
    }
    std::unique_ptr<TestTerminal> terminal(const QString& id, const QString& role = QStringLiteral("pavilion")) {
        return std::make_unique<TestTerminal>(id, home_.enrol(id, role));
    }
    sync::TransportSettings net() { return transportFor(server_.baseUrl()); }
    QString serverDb() const { return home_.dbPath(); }

    CentralHome home_;
    CentralServer server_;
};

}  // namespace pavilion::testing
