#include "storage/issuestore.h"

#include "core/category.h"
#include "core/textrules.h"
#include "core/trackingcode.h"
#include "storage/projector.h"

namespace pavilion {

namespace {
constexpr char kIssueColumns[] =
    "SELECT id, code, category, compound, building, unit, public_area, text, phone IS NOT NULL, status, "
    "supporters, reported_at, updated_at, terminal_id FROM issues ";

Issue readIssue(const Statement& s) {
    Issue i;
    i.id = s.text(0);
    i.code = s.text(1);
    i.categoryId = s.text(2);
    i.location = Location{s.text(3), s.text(4), s.text(5), s.text(6)};
    i.text = s.text(7);
    i.hasPhone = s.int64(8) != 0;
    i.status = statusFromKey(s.text(9));
    i.supporters = static_cast<int>(s.int64(10));
    i.reportedAt = parseIsoUtc(s.text(11));
    i.updatedAt = parseIsoUtc(s.text(12));
    i.terminalId = s.text(13);
    return i;
}

[[noreturn]] void invalid(const QString& residentMessage) {
    throw StoreError(StoreError::Kind::Invalid, residentMessage);
}

QString cleanPlace(const QString& s) { return text::sanitize(s, false); }
}  // namespace

IssueStore::IssueStore(Database& db, QString terminalId, const Clock& clock)
    : db_(db), terminalId_(std::move(terminalId)), clock_(clock), log_(db) {}

void IssueStore::commitEvent(Event& e) {
    Database::Transaction tx(db_);
    log_.appendLocal(e);
    applyEvent(db_, e);
    tx.commit();
}

QString IssueStore::uniqueCode() {
    // 30^7 codes: a collision is rare, but a code must never point at two issues here.
    for (int attempt = 0; attempt < 20; ++attempt) {
        const QString code = tracking::generate();
        Statement s(db_, "SELECT 1 FROM issues WHERE code = ?");
        s.bind(1, code);
        if (!s.step()) return code;
    }
    throw StoreError(StoreError::Kind::Other, QStringLiteral("could not find a free tracking code"));
}

Issue IssueStore::report(const ReportRequest& r) {
    if (!standardCategoryById(r.categoryId)) invalid(QStringLiteral("请选择问题类别。"));
    const Location loc{cleanPlace(r.location.compound), cleanPlace(r.location.building),
                       cleanPlace(r.location.unit), cleanPlace(r.location.publicArea)};
    if (loc.isEmpty()) invalid(QStringLiteral("请选择问题发生的位置。"));
    for (const QString& part : {loc.compound, loc.building, loc.unit, loc.publicArea}) {
        if (text::length(part) > text::kMaxShortField) invalid(QStringLiteral("位置名称太长。"));
    }
    const QString description = text::sanitize(r.text, true);
    if (text::length(description) < text::kMinDescription)
        invalid(QStringLiteral("请用至少两个字说明遇到的问题。"));
    if (text::length(description) > text::kMaxDescription)
        invalid(QStringLiteral("问题描述最多 %1 个字，现在有 %2 个字。").arg(text::kMaxDescription).arg(text::length(description)));
    QString phone;
    if (!r.phone.trimmed().isEmpty()) {
        switch (text::checkPhone(r.phone)) {
            case text::PhoneProblem::None: phone = text::phoneDigits(r.phone); break;
            case text::PhoneProblem::NotDigits: invalid(QStringLiteral("手机号只能包含数字。"));
            case text::PhoneProblem::WrongLength: invalid(QStringLiteral("手机号应为 11 位数字。"));
            default: invalid(QStringLiteral("这不是有效的手机号（应以 13-19 开头）。"));
        }
    }

    QJsonObject payload{
        {QStringLiteral("issueId"), newUuid()},
        {QStringLiteral("code"), uniqueCode()},
        {QStringLiteral("category"), r.categoryId},
        {QStringLiteral("location"), loc.toJson()},
        {QStringLiteral("text"), description},
    };
    if (!phone.isEmpty()) payload.insert(QStringLiteral("phone"), phone);
    Event e = makeEvent(QLatin1String(events::kIssueReported), terminalId_, clock_.now(), payload);
    commitEvent(e);
    return *findByCode(payload.value(QStringLiteral("code")).toString());
}

Issue IssueStore::support(const QString& code) {
    const tracking::Normalized n = tracking::normalize(code);
    std::optional<Issue> issue = findByCode(n.code);
    if (!issue) throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no issue has the tracking code %1").arg(n.code));
    if (!isOpen(issue->status))
        invalid(QStringLiteral("这个问题已经%1，不能再附议。").arg(statusLabel(issue->status)));
    Event e = makeEvent(QLatin1String(events::kIssueSupported), terminalId_, clock_.now(),
                        QJsonObject{{QStringLiteral("issueId"), issue->id}, {QStringLiteral("code"), issue->code}});
    commitEvent(e);
    return *findByCode(issue->code);
}

std::optional<Issue> IssueStore::findByCode(const QString& code) {
    Statement s(db_, (QByteArray(kIssueColumns) + "WHERE code = ?").constData());
    s.bind(1, tracking::normalize(code).code);
    if (!s.step()) return std::nullopt;
    return readIssue(s);
}

QList<Issue> IssueStore::list(const IssueFilter& f) {
    QByteArray sql(kIssueColumns);
    sql += "WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR category = ?2) "
           "AND (?3 = 0 OR status NOT IN ('resolved','declined')) "
           "ORDER BY reported_at DESC LIMIT ?4";
    Statement s(db_, sql.constData());
    if (f.status) s.bind(1, statusKey(*f.status));
    s.bindOptional(2, f.categoryId);
    s.bind(3, static_cast<qint64>(f.openOnly ? 1 : 0));
    s.bind(4, static_cast<qint64>(f.limit));
    QList<Issue> out;
    while (s.step()) out << readIssue(s);
    return out;
}

QList<Issue> IssueStore::similar(const QString& categoryId, const Location& loc, int limit) {
    QByteArray sql(kIssueColumns);
    sql += "WHERE category = ?1 AND COALESCE(compound,'') = ?2 AND status NOT IN ('resolved','declined') "
           "ORDER BY (COALESCE(building,'') = ?3 AND ?3 <> '') DESC, "
           "(COALESCE(public_area,'') = ?4 AND ?4 <> '') DESC, supporters DESC, reported_at DESC LIMIT ?5";
    Statement s(db_, sql.constData());
    s.bind(1, categoryId).bind(2, loc.compound).bind(3, loc.building).bind(4, loc.publicArea);
    s.bind(5, static_cast<qint64>(limit));
    QList<Issue> out;
    while (s.step()) out << readIssue(s);
    return out;
}

QList<TimelineEntry> IssueStore::timeline(const QString& issueId) {
    Statement s(db_, "SELECT at, kind, COALESCE(note,'') FROM issue_timeline WHERE issue_id = ? ORDER BY at, rowid");
    s.bind(1, issueId);
    QList<TimelineEntry> out;
    while (s.step()) out << TimelineEntry{parseIsoUtc(s.text(0)), s.text(1), timelineLabel(s.text(1)), s.text(2)};
    return out;
}

IssueStore::Counts IssueStore::counts() {
    Counts c;
    c.issues = db_.scalar("SELECT COUNT(*) FROM issues");
    c.open = db_.scalar("SELECT COUNT(*) FROM issues WHERE status NOT IN ('resolved','declined')");
    c.supporters = db_.scalar("SELECT COALESCE(SUM(supporters),0) FROM issues");
    c.events = log_.count();
    c.unpushed = log_.countUnpushed(terminalId_);
    return c;
}

QString timelineLabel(const QString& eventType) {
    if (eventType == QLatin1String(events::kIssueReported)) return QStringLiteral("居民反映问题");
    if (eventType == QLatin1String(events::kIssueSupported)) return QStringLiteral("又一位居民附议 (+1)");
    return eventType;
}

}  // namespace pavilion
