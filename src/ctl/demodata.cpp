#include "ctl/demodata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <stdexcept>

#include "core/category.h"
#include "storage/issuestore.h"

namespace pavilion::ctl {

int loadDemoIssues(Database& db, const QString& terminalId, const QString& file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error(QStringLiteral("%1: cannot be read: %2").arg(file, f.errorString()).toStdString());
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.object().value(QStringLiteral("issues")).isArray())
        throw std::runtime_error(QStringLiteral("%1: not a demo file (want {\"issues\": [...]})").arg(file).toStdString());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    FixedClock clock(now);
    IssueStore store(db, terminalId, clock);
    const QJsonArray issues = doc.object().value(QStringLiteral("issues")).toArray();
    int n = 0;
    for (const QJsonValue& v : issues) {
        const QJsonObject o = v.toObject();
        const double daysAgo = o.value(QStringLiteral("daysAgo")).toDouble(0);
        clock.set(now.addSecs(static_cast<qint64>(-daysAgo * 86400)));
        const QString categoryName = o.value(QStringLiteral("category")).toString();
        const Category* category = findStandardCategory(categoryName);
        if (!category)
            throw std::runtime_error(QStringLiteral("%1: issue %2: unknown category \"%3\"").arg(file).arg(n + 1).arg(categoryName).toStdString());
        ReportRequest r{category->id,
                        Location::fromJson(o.value(QStringLiteral("location")).toObject()),
                        o.value(QStringLiteral("text")).toString(), o.value(QStringLiteral("phone")).toString()};
        const Issue issue = store.report(r);
        const int supporters = o.value(QStringLiteral("supporters")).toInt(0);
        for (int s = 0; s < supporters; ++s) {
            // Supports spread over the days after the report.
            clock.set(now.addSecs(static_cast<qint64>(-daysAgo * 86400 * (supporters - s) / (supporters + 1))));
            store.support(issue.code);
        }
        ++n;
    }
    return n;
}

}  // namespace pavilion::ctl
