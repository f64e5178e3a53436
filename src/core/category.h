#pragma once
// The categories residents choose from, taken from the seeds (DESIGN.md §2). A terminal config may
// order, relabel or subset them; ids are stable across terminals and the server.
#include <QList>
#include <QString>

namespace pavilion {

struct Category {
    QString id;     // stable, e.g. "roof-leak"
    QString label;  // on screen, e.g. "屋顶漏水"
    QString icon;   // icon name in assets/icons/categories
};

// The canonical list, in the order residents see it when a config does not say otherwise.
const QList<Category>& standardCategories();
// Finds by id or by label (pavilionctl and demo files accept either).
const Category* findStandardCategory(const QString& idOrLabel);
// Finds by stable id only: what configs and the store accept.
const Category* standardCategoryById(const QString& id);

}  // namespace pavilion
