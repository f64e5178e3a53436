#pragma once
// One SQLite file with the durability this product promises: WAL, synchronous=FULL, checked at
// open; integrity checked at start-up; schema migrated by PRAGMA user_version with a backup first.
#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/migrations.h"
#include "storage/storeerror.h"

struct sqlite3;
struct sqlite3_stmt;

namespace pavilion {

class Database;

class Statement {
public:
    Statement(Database& db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const QString& value);
    Statement& bind(int index, qint64 value);
    Statement& bindNull(int index);
    Statement& bindOptional(int index, const QString& value);  // empty -> NULL
    // Returns true while a row is available.
    bool step();
    void run();  // step() to completion, for statements without rows
    void reset();

    QString text(int col) const;
    qint64 int64(int col) const;
    bool isNull(int col) const;

private:
    Database& db_;
    std::string sql_;  // a copy: callers may pass a temporary
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    struct Options {
        bool runIntegrityCheck = true;
        int busyTimeoutMs = 5000;
        // The kiosk turns this off and checkpoints while nobody is waiting (checkpoint()), so a
        // resident's submit never pays for copying the WAL back into the database.
        bool autoCheckpoint = true;
        // The schema to migrate to; null means the product's (storage/migrations.cpp). Tests pass
        // their own to exercise a real upgrade with its backup.
        const std::vector<Migration>* migrations = nullptr;
    };
    // Opens (creating if needed) and migrates. Throws StoreError.
    static std::unique_ptr<Database> open(const QString& path, Options options);
    static std::unique_ptr<Database> open(const QString& path) { return open(path, Options{}); }
    ~Database();

    sqlite3* handle() const { return db_; }
    QString path() const { return path_; }
    void exec(const char* sql);
    qint64 scalar(const char* sql);
    int userVersion();
    int changes() const;  // rows changed by the last statement
    // Copies committed WAL frames into the database file without waiting for readers.
    void checkpoint();
    QString backupPathUsedForLastMigration() const { return lastBackup_; }

    // Throws a StoreError of the right kind for an SQLite result code.
    [[noreturn]] void raise(int rc, const QString& what) const;

    // BEGIN IMMEDIATE … COMMIT; rolls back if destroyed without commit().
    class Transaction {
    public:
        explicit Transaction(Database& db);
        ~Transaction();
        void commit();

    private:
        Database& db_;
        bool done_ = false;
    };

private:
    friend class Statement;
    explicit Database(QString path) : path_(std::move(path)) {}
    // Prepared statements are kept and reused: preparing cost more than a third of a resident's
    // submit (callgrind, bench_submit).
    sqlite3_stmt* takeStatement(const std::string& sql);
    void returnStatement(const std::string& sql, sqlite3_stmt* stmt);
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
    void refuseNewerSchema(const std::vector<Migration>& list);
    void applyDurability(const Options& o);
    void migrate(const std::vector<Migration>& list);

    sqlite3* db_ = nullptr;
    QString path_;
    QString lastBackup_;
};

}  // namespace pavilion
