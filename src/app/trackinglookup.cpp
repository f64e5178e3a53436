#include "app/trackinglookup.h"

#include "app/kiosk.h"
#include "core/trackingcode.h"

namespace pavilion {

QString TrackingLookup::displayCode() const { return issue_ ? tracking::display(issue_->code) : QString(); }
QString TrackingLookup::categoryLabel() const { return issue_ ? Kiosk::categoryLabel(issue_->categoryId) : QString(); }
QString TrackingLookup::categoryIcon() const { return issue_ ? Kiosk::categoryIcon(issue_->categoryId) : QString(); }

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
                QList<Choice> entries;
                for (const TimelineEntry& t : Kiosk::instance()->store().timeline(issue_->id))
                    entries << Choice{t.at.toLocalTime().toString(QStringLiteral("yyyy年M月d日 HH:mm")), t.label, t.kind, t.note};
                timeline_.setItems(entries);
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
