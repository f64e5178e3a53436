#include "syncfixture.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/serverorigin.h"
#include "storage/eventlog.h"

namespace pavilion::testing {

namespace {

// A read-only connection of its own, so a running server or terminal is looked at from outside.
template <typename Row>
void eachRow(const QString& path, const char* sql, Row&& row) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        ADD_FAILURE() << "cannot open " << path.toStdString();
        sqlite3_close(db);
        return;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
        ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    } else {
        while (sqlite3_step(st) == SQLITE_ROW) row(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

QString rowText(sqlite3_stmt* st) {
    QStringList cols;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        cols << (t ? QString::fromUtf8(t) : QStringLiteral("∅"));
    }
    return cols.join(u'|');
}

const char* const kTexts[] = {
    "屋顶漏水，天花板一直往下滴水", "楼道灯坏了，晚上看不见路", "下水道堵了，污水冒出来",
    "电动车在楼道里充电，很危险", "小区门口路灯不亮", "垃圾桶满了没人清运",
    "健身器材坏了，老人孩子容易受伤", "停车位不够，车停到消防通道上了", "广场舞音乐太吵，晚上十点还在放",
    "暖气不热，家里只有十几度",
};
const char* const kCategories[] = {"roof-leak",       "street-lights",     "drain-blocked", "ev-charging",
                                   "street-lights",   "sanitation",        "fitness-leisure", "parking-fire-lane",
                                   "noise",           "heating"};

}  // namespace

QString projectionDump(const QString& databasePath) {
    QStringList lines;
    eachRow(databasePath,
            "SELECT id, code, category, compound, building, unit, public_area, location, text, phone, status, "
            "supporters, reported_at, updated_at, terminal_id FROM issues ORDER BY id",
            [&](sqlite3_stmt* st) { lines << QStringLiteral("issue ") + rowText(st); });
    eachRow(databasePath, "SELECT event_id, issue_id, at, kind, note FROM issue_timeline ORDER BY event_id",
            [&](sqlite3_stmt* st) { lines << QStringLiteral("timeline ") + rowText(st); });
    return lines.join(u'\n');
}

QStringList eventIdsIn(const QString& databasePath) {
    QStringList ids;
    eachRow(databasePath, "SELECT id FROM events ORDER BY id", [&](sqlite3_stmt* st) { ids << rowText(st); });
    return ids;
}

qint64 countRows(const QString& databasePath, const char* sql) {
    qint64 n = -1;
    eachRow(databasePath, sql, [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); });
    return n;
}

sync::TransportSettings transportFor(const QString& baseUrl) {
    sync::TransportSettings t;
    QString why;
    EXPECT_TRUE(parseServerOrigin(baseUrl, &t.origin, &why)) << baseUrl.toStdString() << ": " << why.toStdString();
    t.connectTimeoutMs = 2000;
    t.totalTimeoutMs = 10000;
    t.stallSeconds = 2;
    return t;
}

TestTerminal::TestTerminal(QString id, QByteArray secret, const Clock& clock)
    : id_(std::move(id)), secret_(std::move(secret)), clock_(clock) {
    EXPECT_TRUE(dir_.isValid());
    db_ = Database::open(dbPath());
    EventLog::bindTerminal(*db_, id_);
    store_ = std::make_unique<IssueStore>(*db_, id_, clock_);
}

Issue TestTerminal::report(int n) {
    const int i = int(unsigned(n) % std::size(kTexts));
    static const char* const kCompounds[] = {"书香雅苑", "景墨家园B区", "丽景苑", "双福巷小区"};
    Location loc{QString::fromUtf8(kCompounds[unsigned(n) % 4]), QStringLiteral("%1号楼").arg(1 + unsigned(n) % 7), {}, {}};
    return store_->report(ReportRequest{QString::fromLatin1(kCategories[i]), loc, QString::fromUtf8(kTexts[i]), {}});
}

bool TestTerminal::supportSome(int n) {
    IssueFilter f;
    f.limit = 1000;
    const QList<Issue> all = store_->list(f);
    if (all.isEmpty()) return false;
    store_->support(all.at(qsizetype(unsigned(n) % unsigned(all.size()))).code);
    return true;
}

sync::RoundReport TestTerminal::sync(const sync::TransportSettings& transport, int batchSize) {
    sync::HttpTransport t(transport);
    sync::SyncClient client(*db_, t, sync::Credentials{id_, secret_}, clock_);
    client.setBatchSize(batchSize);
    return client.runRound();
}

qint64 TestTerminal::unsent() { return EventLog(*db_).countUnpushed(id_); }

QStringList rowsIn(const QString& databasePath, const char* sql) {
    QStringList rows;
    eachRow(databasePath, sql, [&](sqlite3_stmt* st) { rows << rowText(st); });
    return rows;
}

QString integrityCheck(const QString& databasePath) {
    return rowsIn(databasePath, "PRAGMA integrity_check").join(u'\n');
}

}  // namespace pavilion::testing
