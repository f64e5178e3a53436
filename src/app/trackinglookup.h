#pragma once
// 查进度: a resident types a tracking code (or picks an issue from the list) and sees its status
// and timeline.
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "app/choicemodel.h"
#include "core/issue.h"

namespace pavilion {

class TrackingLookup : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool found READ found NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(QString code READ code NOTIFY changed)
    Q_PROPERTY(QString displayCode READ displayCode NOTIFY changed)
    Q_PROPERTY(QString categoryLabel READ categoryLabel NOTIFY changed)
    Q_PROPERTY(QString categoryIcon READ categoryIcon NOTIFY changed)
    Q_PROPERTY(QString locationLabel READ locationLabel NOTIFY changed)
    Q_PROPERTY(QString text READ text NOTIFY changed)
    Q_PROPERTY(QString statusLabel READ statusLabel NOTIFY changed)
    Q_PROPERTY(QString statusKey READ statusKey NOTIFY changed)
    Q_PROPERTY(int supporters READ supporters NOTIFY changed)
    Q_PROPERTY(ChoiceModel* timeline READ timeline CONSTANT)

public:
    explicit TrackingLookup(QObject* parent = nullptr) : QObject(parent) {}

    bool found() const { return issue_.has_value(); }
    QString message() const { return message_; }
    QString code() const { return issue_ ? issue_->code : QString(); }
    QString displayCode() const;
    QString categoryLabel() const;
    QString categoryIcon() const;
    QString locationLabel() const { return issue_ ? issue_->location.label() : QString(); }
    QString text() const { return issue_ ? issue_->text : QString(); }
    QString statusLabel() const { return issue_ ? pavilion::statusLabel(issue_->status) : QString(); }
    QString statusKey() const { return issue_ ? pavilion::statusKey(issue_->status) : QString(); }
    int supporters() const { return issue_ ? issue_->supporters : 0; }
    ChoiceModel* timeline() { return &timeline_; }

    // True when found; otherwise `message` says kindly what is wrong with the code.
    Q_INVOKABLE bool lookup(const QString& input);
    Q_INVOKABLE void clear();

signals:
    void changed();

private:
    std::optional<Issue> issue_;
    QString message_;
    ChoiceModel timeline_;
};

// A run of 附议 becomes one line ("23 位居民附议", first and last day): twenty identical rows
// would hide the steps that matter.
QList<Choice> timelineChoices(const QList<TimelineEntry>& timeline);

}  // namespace pavilion
