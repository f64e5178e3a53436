#include "core/category.h"

namespace pavilion {

const QList<Category>& standardCategories() {
    static const QList<Category> list = {
        {QStringLiteral("roof-leak"), QStringLiteral("屋顶漏水"), QStringLiteral("roof-leak")},
        {QStringLiteral("drain-blocked"), QStringLiteral("下水堵塞"), QStringLiteral("drain")},
        {QStringLiteral("parking-fire-lane"), QStringLiteral("停车/消防通道"), QStringLiteral("parking")},
        {QStringLiteral("ev-charging"), QStringLiteral("充电桩"), QStringLiteral("charging")},
        {QStringLiteral("noise"), QStringLiteral("噪音扰民"), QStringLiteral("noise")},
        {QStringLiteral("sanitation"), QStringLiteral("垃圾/环境卫生"), QStringLiteral("trash")},
        {QStringLiteral("greenery"), QStringLiteral("绿化/树木修剪"), QStringLiteral("tree")},
        {QStringLiteral("street-lights"), QStringLiteral("路灯照明"), QStringLiteral("light")},
        {QStringLiteral("elevator"), QStringLiteral("电梯"), QStringLiteral("elevator")},
        {QStringLiteral("heating"), QStringLiteral("供暖"), QStringLiteral("heating")},
        {QStringLiteral("gate-fence"), QStringLiteral("门禁/大门围栏"), QStringLiteral("gate")},
        {QStringLiteral("fitness-leisure"), QStringLiteral("健身休闲设施"), QStringLiteral("fitness")},
        {QStringLiteral("parcel-lockers"), QStringLiteral("快递柜"), QStringLiteral("parcel")},
        {QStringLiteral("property-service"), QStringLiteral("物业服务"), QStringLiteral("service")},
        {QStringLiteral("neighbour-dispute"), QStringLiteral("邻里纠纷"), QStringLiteral("dispute")},
        {QStringLiteral("special-needs"), QStringLiteral("特殊群体需求"), QStringLiteral("care")},
        {QStringLiteral("other"), QStringLiteral("其他"), QStringLiteral("other")},
    };
    return list;
}

const Category* findStandardCategory(const QString& idOrLabel) {
    for (const Category& c : standardCategories()) {
        if (c.id == idOrLabel || c.label == idOrLabel) return &c;
    }
    return nullptr;
}

const Category* standardCategoryById(const QString& id) {
    for (const Category& c : standardCategories()) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

}  // namespace pavilion
