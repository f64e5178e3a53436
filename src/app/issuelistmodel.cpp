#include "app/issuelistmodel.h"

#include "app/kiosk.h"
#include "core/trackingcode.h"

namespace pavilion {

QString ageText(const QDateTime& then, const QDateTime& now) {
    const qint64 s = then.secsTo(now);
    if (s < 120) return QStringLiteral("刚刚");
    if (s < 3600) return QStringLiteral("%1分钟前").arg(s / 60);
    if (s < 86400) return QStringLiteral("%1小时前").arg(s / 3600);
    if (s < 86400 * 60) return QStringLiteral("%1天前").arg(s / 86400);
    return then.toLocalTime().toString(QStringLiteral("yyyy年M月d日"));
}

int IssueListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count(); }

QVariant IssueListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count()) return {};
    const Issue& i = issues_.at(index.row());
    switch (role) {
        case CodeRole: return i.code;
        case DisplayCodeRole: return tracking::display(i.code);
        case CategoryLabelRole: return Kiosk::categoryLabel(i.categoryId);
        case CategoryIconRole: return Kiosk::categoryIcon(i.categoryId);
        case LocationRole: return i.location.label();
        case TextRole: return i.text;
        case SupportersRole: return i.supporters;
        case StatusLabelRole: return statusLabel(i.status);
        case StatusKeyRole: return statusKey(i.status);
        case AgeTextRole: return ageText(i.reportedAt, QDateTime::currentDateTimeUtc());
        case IsOpenRole: return isOpen(i.status);
        default: return {};
    }
}

QHash<int, QByteArray> IssueListModel::roleNames() const {
    return {{CodeRole, "code"},
            {DisplayCodeRole, "displayCode"},
            {CategoryLabelRole, "categoryLabel"},
            {CategoryIconRole, "categoryIcon"},
            {LocationRole, "locationLabel"},
            {TextRole, "text"},
            {SupportersRole, "supporters"},
            {StatusLabelRole, "statusLabel"},
            {StatusKeyRole, "statusKey"},
            {AgeTextRole, "ageText"},
            {IsOpenRole, "isOpen"}};
}

void IssueListModel::setIssues(QList<Issue> issues) {
    beginResetModel();
    const bool sizeChanged = issues.size() != issues_.size();
    issues_ = std::move(issues);
    endResetModel();
    if (sizeChanged) emit countChanged();
}

void IssueListModel::replace(const Issue& issue) {
    for (int r = 0; r < count(); ++r) {
        if (issues_[r].id == issue.id) {
            issues_[r] = issue;
            emit dataChanged(index(r), index(r));
            return;
        }
    }
}

}  // namespace pavilion
