#include "ctl/output.h"

#include "core/category.h"
#include "core/clock.h"
#include "core/textrules.h"
#include "core/trackingcode.h"

namespace pavilion::ctl {

QString categoryLabel(const QString& id) {
    const Category* c = findStandardCategory(id);
    return c ? c->label : id;
}

void printIssueLine(QTextStream& out, const Issue& i) {
    QString summary = text::truncate(QString(i.text).replace(u'\n', u' '), 24);
    if (summary.size() < i.text.size()) summary += QStringLiteral("…");
    out << i.code << "  " << statusLabel(i.status) << "  +" << i.supporters << "  " << categoryLabel(i.categoryId)
        << "  " << i.location.label() << "  " << summary << "\n";
}

void printIssueDetail(QTextStream& out, const Issue& i, const QList<TimelineEntry>& timeline) {
    out << "tracking code: " << tracking::display(i.code) << "\n"
        << "status:        " << statusLabel(i.status) << " (" << statusKey(i.status) << ")\n"
        << "category:      " << categoryLabel(i.categoryId) << " (" << i.categoryId << ")\n"
        << "location:      " << i.location.label() << "\n"
        << "supporters:    " << i.supporters << "\n"
        << "reported:      " << isoUtc(i.reportedAt) << " at " << i.terminalId << "\n"
        << "contact:       " << (i.hasPhone ? "phone number left (not shown)" : "none") << "\n"
        << "text:\n  " << QString(i.text).replace(u'\n', QStringLiteral("\n  ")) << "\n"
        << "timeline:\n";
    for (const TimelineEntry& t : timeline) {
        out << "  " << isoUtc(t.at) << "  " << t.label;
        if (!t.note.isEmpty()) out << "  " << t.note;
        out << "\n";
    }
}

QJsonObject issueJson(const Issue& i) {
    return QJsonObject{
        {QStringLiteral("id"), i.id},
        {QStringLiteral("code"), i.code},
        {QStringLiteral("category"), i.categoryId},
        {QStringLiteral("location"), i.location.toJson()},
        {QStringLiteral("locationLabel"), i.location.label()},
        {QStringLiteral("text"), i.text},
        {QStringLiteral("hasPhone"), i.hasPhone},
        {QStringLiteral("status"), statusKey(i.status)},
        {QStringLiteral("supporters"), i.supporters},
        {QStringLiteral("reportedAt"), isoUtc(i.reportedAt)},
        {QStringLiteral("updatedAt"), isoUtc(i.updatedAt)},
        {QStringLiteral("terminal"), i.terminalId},
    };
}

QJsonObject exportedEventJson(const Event& e) {
    QJsonObject o = e.toJson();
    QJsonObject payload = e.payload;
    if (payload.contains(QStringLiteral("phone"))) {
        payload.remove(QStringLiteral("phone"));
        payload.insert(QStringLiteral("hasPhone"), true);
    }
    o.insert(QStringLiteral("payload"), payload);
    return o;
}

}  // namespace pavilion::ctl
