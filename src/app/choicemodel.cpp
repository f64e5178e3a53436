#include "app/choicemodel.h"

namespace pavilion {

int ChoiceModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count(); }

QVariant ChoiceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count()) return {};
    const Choice& c = items_.at(index.row());
    switch (role) {
        case ValueRole: return c.value;
        case LabelRole:
        case Qt::DisplayRole: return c.label;
        case IconRole: return c.icon;
        case DetailRole: return c.detail;
        default: return {};
    }
}

QHash<int, QByteArray> ChoiceModel::roleNames() const {
    return {{ValueRole, "value"}, {LabelRole, "label"}, {IconRole, "icon"}, {DetailRole, "detail"}};
}

void ChoiceModel::setItems(QList<Choice> items) {
    beginResetModel();
    const bool sizeChanged = items.size() != items_.size();
    items_ = std::move(items);
    endResetModel();
    if (sizeChanged) emit countChanged();
}

QString ChoiceModel::labelAt(int row) const { return row >= 0 && row < count() ? items_.at(row).label : QString(); }
QString ChoiceModel::valueAt(int row) const { return row >= 0 && row < count() ? items_.at(row).value : QString(); }

}  // namespace pavilion
