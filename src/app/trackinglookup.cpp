#include "app/trackinglookup.h"

#include "app/kiosk.h"
#include "core/trackingcode.h"

namespace pavilion {

QString TrackingLookup::displayCode() const { return issue_ ? tracking::display(issue_->code) : QString(); }
QString TrackingLookup::categoryLabel() const { return issue_ ? Kiosk::categoryLabel(issue_->categoryId) : QString(); }
QString TrackingLookup::categoryIcon() const { return issue_ ? Kiosk::categoryIcon(issue_->categoryId) : QString(); }

QList<Choice> timelineChoices(const QList<TimelineEntry>& timeline) {
    const auto day = [](const QDateTime& t) { return t.toLocalTime().toString(QStringLiteral("yyyy年M月d日")); };
    QList<Choice> out;
    int supports = 0;
    QDateTime firstSupport, lastSupport;
    const auto flushSupports = [&] {
        if (supports == 0) return;
        const QString when = day(firstSupport) == day(lastSupport) ? day(firstSupport)
                                                                    : day(firstSupport) + QStringLiteral(" 至 ") + day(lastSupport);
        out << Choice{when, QStringLiteral("%1 位居民附议 (+%1)").arg(supports), QLatin1String(events::kIssueSupported), {}};
        supports = 0;
    };
    for (const TimelineEntry& t : timeline) {
        if (t.kind == QLatin1String(events::kIssueSupported)) {
            if (supports++ == 0) firstSupport = t.at;
            lastSupport = t.at;
            continue;
        }
        flushSupports();
        out << Choice{t.at.toLocalTime().toString(QStringLiteral("yyyy年M月d日 HH:mm")), t.label, t.kind, t.note};
    }
    flushSupports();
    return out;
}

void TrackingLookup::clear() {
    issue_.reset();
    message_.clear();
    timeline_.setItems({});
    emit changed();
}

bool TrackingLookup::lookup(const QString& input) {
    issue_.reset();
    timeline_.setItems({});
    const tracking::Normalized n = tracking::normalize(input);
    switch (n.problem) {
        case tracking::CodeProblem::Empty: message_ = QStringLiteral("请输入查询码，它印在您的回执上。"); break;
        case tracking::CodeProblem::LookAlike:
            message_ = QStringLiteral("查询码里没有 0、O、1、I、L 这几个字符，请再对照回执看一看。");
            break;
        case tracking::CodeProblem::BadCharacter: message_ = QStringLiteral("查询码只有数字和大写字母，请再对照回执看一看。"); break;
        case tracking::CodeProblem::WrongLength:
            message_ = QStringLiteral("查询码是 8 位，您输入了 %1 位。").arg(n.code.size());
            break;
        case tracking::CodeProblem::BadCheck:
            message_ = QStringLiteral("这个查询码好像有一位输错了，请再对照回执看一看。");
            break;
        case tracking::CodeProblem::None: {
            try {
                issue_ = Kiosk::instance()->store().findByCode(n.code);
                if (!issue_) {
                    message_ = QStringLiteral("没有找到查询码 %1 的记录。如果刚在别的议事亭反映，可能还没同步过来，请稍后再查。")
                                   .arg(tracking::display(n.code));
                    break;
                }
                message_.clear();
                timeline_.setItems(timelineChoices(Kiosk::instance()->store().timeline(issue_->id)));
            } catch (const StoreError& e) {
                message_ = e.residentMessage();
            }
            break;
        }
    }
    emit changed();
    return issue_.has_value();
}

}  // namespace pavilion
