#include "core/issue.h"

namespace pavilion {

QString Location::label() const {
    QStringList parts;
    if (!compound.isEmpty()) parts << compound;
    if (!publicArea.isEmpty()) {
        return parts.isEmpty() ? publicArea : parts.join(u' ') + QStringLiteral(" · ") + publicArea;
    }
    if (!building.isEmpty()) parts << building;
    if (!unit.isEmpty()) parts << unit;
    return parts.join(u' ');
}

QJsonObject Location::toJson() const {
    QJsonObject o;
    if (!compound.isEmpty()) o.insert(QStringLiteral("compound"), compound);
    if (!building.isEmpty()) o.insert(QStringLiteral("building"), building);
    if (!unit.isEmpty()) o.insert(QStringLiteral("unit"), unit);
    if (!publicArea.isEmpty()) o.insert(QStringLiteral("publicArea"), publicArea);
    return o;
}

Location Location::fromJson(const QJsonObject& o) {
    return Location{o.value(QStringLiteral("compound")).toString(),
                    o.value(QStringLiteral("building")).toString(),
                    o.value(QStringLiteral("unit")).toString(),
                    o.value(QStringLiteral("publicArea")).toString()};
}

namespace {
struct StatusInfo {
    IssueStatus status;
    const char* key;
    const char16_t* label;
};
constexpr StatusInfo kStatuses[] = {
    {IssueStatus::Reported, "reported", u"已提交，待受理"},
    {IssueStatus::Accepted, "accepted", u"已受理"},
    {IssueStatus::Topic, "topic", u"已列入议题"},
    {IssueStatus::Claimed, "claimed", u"已认领"},
    {IssueStatus::InProgress, "in-progress", u"办理中"},
    {IssueStatus::Resolved, "resolved", u"已解决"},
    {IssueStatus::Declined, "declined", u"不予受理"},
    {IssueStatus::Reopened, "reopened", u"重新办理"},
};
}  // namespace

QString statusKey(IssueStatus s) {
    for (const auto& i : kStatuses) {
        if (i.status == s) return QLatin1String(i.key);
    }
    return QStringLiteral("reported");
}

IssueStatus statusFromKey(const QString& key, bool* ok) {
    for (const auto& i : kStatuses) {
        if (key == QLatin1String(i.key)) {
            if (ok) *ok = true;
            return i.status;
        }
    }
    if (ok) *ok = false;
    return IssueStatus::Reported;
}

QString statusLabel(IssueStatus s) {
    for (const auto& i : kStatuses) {
        if (i.status == s) return QString::fromUtf16(i.label);
    }
    return {};
}

bool isOpen(IssueStatus s) { return s != IssueStatus::Resolved && s != IssueStatus::Declined; }

}  // namespace pavilion
