#pragma once
// A reported problem (诉求) as the projection of the event log shows it.
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pavilion {

// Where the problem is: compound → building → unit, or a public area (of a compound, or of the
// whole community when `compound` is empty).
struct Location {
    QString compound;
    QString building;
    QString unit;
    QString publicArea;

    QString label() const;  // "书香雅苑 3号楼 2单元", "书香雅苑 · 小区广场"
    bool isEmpty() const { return compound.isEmpty() && publicArea.isEmpty(); }
    QJsonObject toJson() const;
    static Location fromJson(const QJsonObject& o);
    bool operator==(const Location&) const = default;
};

enum class IssueStatus {
    Reported,    // 已提交, waiting for the community to look at it
    Accepted,    // 已受理
    Topic,       // 已列入议题
    Claimed,     // 已认领 (unit + deadline)
    InProgress,  // 办理中
    Resolved,    // 已解决
    Declined,    // 不予受理
    Reopened,    // 重新办理
};

QString statusKey(IssueStatus s);  // "reported", … (store and wire)
IssueStatus statusFromKey(const QString& key, bool* ok = nullptr);
QString statusLabel(IssueStatus s);  // zh_CN on screen
bool isOpen(IssueStatus s);

struct Issue {
    QString id;  // UUID
    QString code;
    QString categoryId;
    Location location;
    QString text;
    bool hasPhone = false;
    IssueStatus status = IssueStatus::Reported;
    int supporters = 0;
    QDateTime reportedAt;
    QDateTime updatedAt;
    QString terminalId;
};

struct TimelineEntry {
    QDateTime at;
    QString kind;  // event type
    QString label;  // zh_CN, e.g. "居民反映问题"
    QString note;
};

}  // namespace pavilion
