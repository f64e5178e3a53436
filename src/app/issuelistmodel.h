#pragma once
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "core/issue.h"

namespace pavilion {

// Issues for the similar-issues and tracking screens. Never exposes phone numbers.
class IssueListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IssueListModel comes from a flow or Kiosk")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Roles {
        CodeRole = Qt::UserRole + 1,
        DisplayCodeRole,
        CategoryLabelRole,
        CategoryIconRole,
        LocationRole,
        TextRole,
        SupportersRole,
        StatusLabelRole,
        StatusKeyRole,
        AgeTextRole,
        IsOpenRole,
    };
    explicit IssueListModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(issues_.size()); }
    void setIssues(QList<Issue> issues);
    // Updates one issue in place (after a +1) without resetting the view.
    void replace(const Issue& issue);

signals:
    void countChanged();

private:
    QList<Issue> issues_;
};

// "刚刚", "3小时前", "5天前": how long ago, in words a resident reads at a glance.
QString ageText(const QDateTime& then, const QDateTime& now);

}  // namespace pavilion
