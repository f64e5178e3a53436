#pragma once
// What residents do with issues, each action ONE transaction holding the state change and its
// event; and the queries the screens and pavilionctl need.
#include <QList>
#include <optional>

#include "core/clock.h"
#include "core/issue.h"
#include "storage/database.h"
#include "storage/eventlog.h"

namespace pavilion {

struct ReportRequest {
    QString categoryId;
    Location location;
    QString text;
    QString phone;  // optional; digits, spaces and dashes accepted
};

struct IssueFilter {
    std::optional<IssueStatus> status;
    QString categoryId;
    bool openOnly = false;
    int limit = 500;
};

class IssueStore {
public:
    IssueStore(Database& db, QString terminalId, const Clock& clock = Clock::system());

    // Validates (StoreError::Kind::Invalid with a resident-facing message), then commits the
    // issue and its IssueReported event together. Returns only after COMMIT.
    Issue report(const ReportRequest& request);
    // 附议: one more resident has the same problem. StoreError::Kind::NotFound for an unknown code.
    Issue support(const QString& code);

    std::optional<Issue> findByCode(const QString& code);
    QList<Issue> list(const IssueFilter& filter = {});
    // Open issues of the same category in the same compound (or community area), those in the same
    // building first, then by supporters.
    QList<Issue> similar(const QString& categoryId, const Location& location, int limit = 5);
    QList<TimelineEntry> timeline(const QString& issueId);

    struct Counts {
        qint64 issues = 0, open = 0, supporters = 0, events = 0, unpushed = 0;
    };
    Counts counts();

    const QString& terminalId() const { return terminalId_; }
    Database& database() { return db_; }

private:
    void commitEvent(Event& e);
    QString uniqueCode();

    Database& db_;
    QString terminalId_;
    const Clock& clock_;
    EventLog log_;
};

// The zh_CN words for one timeline entry.
QString timelineLabel(const QString& eventType);

}  // namespace pavilion
