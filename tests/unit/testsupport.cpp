#include "testsupport.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <stdexcept>

void PrintTo(const QString& s, std::ostream* os) { *os << '"' << s.toStdString() << '"'; }
void PrintTo(const QByteArray& b, std::ostream* os) { *os << '"' << b.toStdString() << '"'; }

namespace pavilion::testing {

RawDb::RawDb(const QString& path, bool create) {
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.toUtf8().constData(), &db_, flags, nullptr) != SQLITE_OK)
        throw std::runtime_error("RawDb: cannot open " + path.toStdString());
}

RawDb::~RawDb() { sqlite3_close_v2(db_); }

int RawDb::exec(const QString& sql) {
    return sqlite3_exec(db_, sql.toUtf8().constData(), nullptr, nullptr, nullptr);
}

QString RawDb::text(const QString& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.toUtf8().constData(), -1, &s, nullptr) != SQLITE_OK)
        throw std::runtime_error("RawDb: " + lastError().toStdString());
    QString out;
    if (sqlite3_step(s) == SQLITE_ROW) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        out = p ? QString::fromUtf8(p, sqlite3_column_bytes(s, 0)) : QString();
    }
    sqlite3_finalize(s);
    return out;
}

qint64 RawDb::integer(const QString& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.toUtf8().constData(), -1, &s, nullptr) != SQLITE_OK)
        throw std::runtime_error("RawDb: " + lastError().toStdString());
    qint64 out = -1;
    if (sqlite3_step(s) == SQLITE_ROW) out = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return out;
}

QString RawDb::lastError() const { return QString::fromUtf8(sqlite3_errmsg(db_)); }

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + path.toStdString());
    return f.readAll();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write " + path.toStdString());
}

QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

QString sourcePath(const QString& relative) {
    return QDir(QStringLiteral(PAVILION_SOURCE_DIR)).filePath(relative);
}

}  // namespace pavilion::testing
