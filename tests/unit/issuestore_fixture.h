#pragma once
// A real database in a temporary directory with an IssueStore on a fixed clock.
#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <memory>

#include "core/clock.h"
#include "storage/database.h"
#include "storage/eventlog.h"
#include "storage/issuestore.h"
#include "testsupport.h"

namespace pavilion::testing {

inline const QDateTime kT0 = QDateTime(QDate(2024, 5, 1), QTime(8, 0, 0), Qt::UTC);
inline const QString kTerminal = QStringLiteral("yayuan-pavilion-shuxiang");
inline const QString kShuxiang = QStringLiteral("书香雅苑");
inline const QString kJingmo = QStringLiteral("景墨家园B区");

inline Location place(const QString& compound, const QString& building = {}, const QString& unit = {}) {
    return Location{compound, building, unit, {}};
}
inline Location publicArea(const QString& compound, const QString& area) { return Location{compound, {}, {}, area}; }

inline ReportRequest request(const QString& text = QStringLiteral("屋顶漏水，天花板一直往下滴水"),
                             const Location& loc = place(kShuxiang, QStringLiteral("3号楼"), QStringLiteral("2单元")),
                             const QString& category = QStringLiteral("roof-leak"), const QString& phone = {}) {
    return ReportRequest{category, loc, text, phone};
}

class IssueStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir_.isValid());
        db_ = Database::open(dbPath());
        store_ = std::make_unique<IssueStore>(*db_, kTerminal, clock_);
    }
    QString dbPath() const { return dir_.filePath(QStringLiteral("pavilion.db")); }

    qint64 issueRows() { return db_->scalar("SELECT COUNT(*) FROM issues"); }
    qint64 eventRows() { return db_->scalar("SELECT COUNT(*) FROM events"); }
    qint64 timelineRows() { return db_->scalar("SELECT COUNT(*) FROM issue_timeline"); }

    // Expects `f` to throw StoreError of `kind` and to leave issues, events and timeline as they were.
    template <typename F>
    void expectRefusedWithoutTrace(StoreError::Kind kind, F&& f, const std::string& what) {
        const qint64 issues = issueRows(), events = eventRows(), timeline = timelineRows();
        try {
            f();
            ADD_FAILURE() << "accepted: " << what;
        } catch (const StoreError& e) {
            EXPECT_EQ(e.kind(), kind) << what << ": " << e.what();
            EXPECT_FALSE(e.residentMessage().isEmpty()) << what;
        }
        EXPECT_EQ(issueRows(), issues) << what;
        EXPECT_EQ(eventRows(), events) << what;
        EXPECT_EQ(timelineRows(), timeline) << what;
    }

    QTemporaryDir dir_;
    FixedClock clock_{kT0};
    std::unique_ptr<Database> db_;
    std::unique_ptr<IssueStore> store_;
};

}  // namespace pavilion::testing
