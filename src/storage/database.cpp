#include "storage/database.h"

#include <sqlite3.h>

#include <QDateTime>
#include <QFileInfo>

#include "storage/migrations.h"

namespace pavilion {

namespace {
StoreError::Kind kindFor(int rc) {
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return StoreError::Kind::Busy;
        case SQLITE_FULL: return StoreError::Kind::DiskFull;
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY: return StoreError::Kind::Io;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return StoreError::Kind::Corrupt;
        default: return StoreError::Kind::Other;
    }
}
}  // namespace

void Database::raise(int rc, const QString& what) const {
    const QString detail = db_ ? QString::fromUtf8(sqlite3_errmsg(db_)) : QString::fromUtf8(sqlite3_errstr(rc));
    throw StoreError(kindFor(rc), QStringLiteral("%1 (%2): %3").arg(what, path_, detail));
}

// ---- Statement ----

Statement::Statement(Database& db, const char* sql) : db_(db), sql_(sql), stmt_(db.takeStatement(sql_)) {}

Statement::~Statement() { db_.returnStatement(sql_, stmt_); }

Statement& Statement::bind(int index, const QString& value) {
    const QByteArray utf8 = value.toUtf8();
    const int rc = sqlite3_bind_text(stmt_, index, utf8.constData(), utf8.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_.raise(rc, QStringLiteral("bind failed"));
    return *this;
}

Statement& Statement::bind(int index, qint64 value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) db_.raise(rc, QStringLiteral("bind failed"));
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::bindOptional(int index, const QString& value) {
    return value.isEmpty() ? bindNull(index) : bind(index, value);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.raise(rc, QStringLiteral("statement failed"));
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

QString Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(stmt_, col)) : QString();
}

qint64 Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

// ---- Transaction ----

Database::Transaction::Transaction(Database& db) : db_(db) { Statement(db_, "BEGIN IMMEDIATE").run(); }

Database::Transaction::~Transaction() {
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Database::Transaction::commit() {
    Statement(db_, "COMMIT").run();
    done_ = true;
}

// ---- Database ----

std::unique_ptr<Database> Database::open(const QString& path, Options options) {
    std::unique_ptr<Database> db(new Database(path));
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db->db_,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) db->raise(rc, QStringLiteral("cannot open the database"));
    sqlite3_extended_result_codes(db->db_, 1);
    sqlite3_busy_timeout(db->db_, options.busyTimeoutMs);
    const std::vector<Migration>& list = options.migrations ? *options.migrations : migrations();
    db->refuseNewerSchema(list);  // before any PRAGMA that could change the file
    db->applyDurability(options);
    db->migrate(list);
    return db;
}

Database::~Database() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    if (db_) sqlite3_close_v2(db_);
}

sqlite3_stmt* Database::takeStatement(const std::string& sql) {
    const auto it = statements_.find(sql);
    if (it != statements_.end()) {
        sqlite3_stmt* s = it->second;
        statements_.erase(it);  // taken: a nested use of the same SQL prepares its own
        return s;
    }
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr);
    if (rc != SQLITE_OK) raise(rc, QStringLiteral("prepare failed"));
    return s;
}

void Database::returnStatement(const std::string& sql, sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!statements_.emplace(sql, stmt).second) sqlite3_finalize(stmt);
}

void Database::exec(const char* sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) raise(rc, QStringLiteral("\"%1\" failed").arg(QString::fromUtf8(sql).left(60)));
}

qint64 Database::scalar(const char* sql) {
    Statement s(*this, sql);
    return s.step() ? s.int64(0) : 0;
}

void Database::checkpoint() { exec("PRAGMA wal_checkpoint(PASSIVE)"); }

int Database::changes() const { return sqlite3_changes(db_); }

int Database::userVersion() { return static_cast<int>(scalar("PRAGMA user_version")); }

void Database::applyDurability(const Options& o) {
    // The resident is told "saved" only after COMMIT returns; that promise needs both settings.
    {
        Statement s(*this, "PRAGMA journal_mode=WAL");
        if (!s.step() || s.text(0).toLower() != QLatin1String("wal"))
            throw StoreError(StoreError::Kind::Durability,
                             QStringLiteral("%1: the database refused journal_mode=WAL; refusing to run").arg(path_));
    }
    exec("PRAGMA synchronous=FULL");
    if (scalar("PRAGMA synchronous") != 2)
        throw StoreError(StoreError::Kind::Durability,
                         QStringLiteral("%1: synchronous=FULL is not in force; refusing to run").arg(path_));
    exec("PRAGMA foreign_keys=ON");
    if (!o.autoCheckpoint) exec("PRAGMA wal_autocheckpoint=0");
    if (o.runIntegrityCheck) {
        Statement s(*this, "PRAGMA integrity_check");
        QStringList problems;
        while (s.step()) {
            if (s.text(0) != QLatin1String("ok")) problems << s.text(0);
        }
        if (!problems.isEmpty())
            throw StoreError(StoreError::Kind::Corrupt,
                             QStringLiteral("%1: integrity check failed: %2").arg(path_, problems.mid(0, 5).join(QStringLiteral("; "))));
    }
}

void Database::refuseNewerSchema(const std::vector<Migration>& list) {
    const int current = userVersion();
    const int latest = list.back().version;
    if (current > latest)
        throw StoreError(StoreError::Kind::NewerSchema,
                         QStringLiteral("%1 was written by a newer Pavilion (schema version %2; this build knows up to %3). "
                                        "Install the newer version; the file was not changed.")
                             .arg(path_)
                             .arg(current)
                             .arg(latest));
}

void Database::migrate(const std::vector<Migration>& list) {
    const int current = userVersion();
    const int latest = list.back().version;
    if (current == latest) return;
    if (current > 0) {
        // A copy of the data as it was, in case a migration surprises us in the field.
        lastBackup_ = QStringLiteral("%1.before-v%2-%3.bak")
                          .arg(path_)
                          .arg(latest)
                          .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss")));
        Statement s(*this, "VACUUM INTO ?");
        s.bind(1, lastBackup_);
        s.run();
    }
    for (const Migration& m : list) {
        if (m.version <= current) continue;
        Transaction tx(*this);
        exec(m.sql);
        exec(QStringLiteral("PRAGMA user_version=%1").arg(m.version).toUtf8().constData());
        tx.commit();
    }
}

}  // namespace pavilion
