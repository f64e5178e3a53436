#pragma once
// Small helpers shared by the unit tests: printing Qt strings in GoogleTest messages, and a raw
// SQLite connection that looks at a database file independently of the code under test.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <ostream>

struct sqlite3;

// GoogleTest finds these by argument-dependent lookup (QString lives in the global namespace).
void PrintTo(const QString& s, std::ostream* os);
void PrintTo(const QByteArray& b, std::ostream* os);

namespace pavilion::testing {

// A separate sqlite3 connection (not pavilion::Database) for checking what is on disk.
class RawDb {
public:
    explicit RawDb(const QString& path, bool create = false);
    ~RawDb();
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    sqlite3* handle() const { return db_; }
    // Runs SQL; returns the SQLite result code (SQLITE_OK on success).
    int exec(const QString& sql);
    // First column of the first row as text / integer (empty / -1 when there is no row).
    QString text(const QString& sql);
    qint64 integer(const QString& sql);
    QString lastError() const;

private:
    sqlite3* db_ = nullptr;
};

QByteArray readFile(const QString& path);
void writeFile(const QString& path, const QByteArray& bytes);
// Names of the files in a directory (no . and ..).
QStringList filesIn(const QString& dir);
QString sourcePath(const QString& relative);  // under the project source directory

}  // namespace pavilion::testing
