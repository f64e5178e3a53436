#pragma once
// A short list of things to tap (categories, compounds, buildings, timeline entries).
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace pavilion {

struct Choice {
    QString value;
    QString label;
    QString icon;
    QString detail;
};

class ChoiceModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChoiceModel comes from Kiosk or a flow")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Roles { ValueRole = Qt::UserRole + 1, LabelRole, IconRole, DetailRole };
    explicit ChoiceModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(items_.size()); }
    void setItems(QList<Choice> items);
    const QList<Choice>& items() const { return items_; }
    Q_INVOKABLE QString labelAt(int row) const;
    Q_INVOKABLE QString valueAt(int row) const;

signals:
    void countChanged();

private:
    QList<Choice> items_;
};

}  // namespace pavilion
