#include "app/reportflow.h"

#include "app/kiosk.h"
#include "core/textrules.h"
#include "core/trackingcode.h"

namespace pavilion {

ReportFlow::ReportFlow(QObject* parent) : QObject(parent) {}

QString ReportFlow::categoryLabel() const { return categoryId_.isEmpty() ? QString() : Kiosk::categoryLabel(categoryId_); }
QString ReportFlow::categoryIcon() const { return categoryId_.isEmpty() ? QString() : Kiosk::categoryIcon(categoryId_); }

QString ReportFlow::locationLabel() const { return Location{compound_, building_, unit_, publicArea_}.label(); }

bool ReportFlow::locationComplete() const {
    if (!publicArea_.isEmpty()) return true;
    if (compound_.isEmpty() || building_.isEmpty()) return false;
    return unitChosen_ || Kiosk::instance()->unitsOf(compound_, building_).isEmpty();
}

void ReportFlow::setText(const QString& t) {
    const QString clamped = clampText(t);
    if (clamped == text_) return;
    text_ = clamped;
    emit changed();
}

int ReportFlow::textLength() const { return text::length(text::sanitize(text_, true)); }
int ReportFlow::maxTextLength() const { return text::kMaxDescription; }
int ReportFlow::lengthOf(const QString& t) const { return text::length(t); }
QString ReportFlow::clampText(const QString& t) const { return text::truncate(t, text::kMaxDescription); }

void ReportFlow::setPhone(const QString& p) {
    QString digits;
    for (QChar c : p) {
        if (c.isDigit() && digits.size() < 11) digits.append(c);
    }
    if (digits == phone_) return;
    phone_ = digits;
    emit changed();
}

QString ReportFlow::phoneMasked() const { return text::maskPhone(phone_); }

QString ReportFlow::phoneProblem() const {
    if (phone_.isEmpty()) return {};
    switch (text::checkPhone(phone_)) {
        case text::PhoneProblem::None: return {};
        case text::PhoneProblem::WrongLength:
            return QStringLiteral("手机号应为 11 位，现在是 %1 位。不想留号码可以清空。").arg(phone_.size());
        default: return QStringLiteral("这不是有效的手机号（应以 13-19 开头）。");
    }
}

QString ReportFlow::textProblem() const {
    const int n = textLength();
    if (n < text::kMinDescription) return QStringLiteral("请用至少两个字说明遇到的问题。");
    return {};
}

bool ReportFlow::readyToSubmit() const {
    return !categoryId_.isEmpty() && locationComplete() && textProblem().isEmpty() && phoneProblem().isEmpty();
}

QString ReportFlow::receiptDisplayCode() const { return tracking::display(receiptCode_); }
QString ReportFlow::receiptUrl() const {
    return receiptCode_.isEmpty() ? QString() : Kiosk::instance()->trackingUrl(receiptCode_);
}

void ReportFlow::setReceipt(const QString& kind, const Issue& issue) {
    receiptKind_ = kind;
    receiptCode_ = issue.code;
    receiptSupporters_ = issue.supporters;
    error_.clear();
    emit changed();
}

void ReportFlow::setError(const QString& e) {
    error_ = e;
    emit changed();
}

void ReportFlow::reset() {
    categoryId_.clear();
    text_.clear();
    phone_.clear();
    error_.clear();
    receiptKind_.clear();
    receiptCode_.clear();
    receiptSupporters_ = 0;
    similar_.setIssues({});
    clearLocation();  // emits changed()
}

void ReportFlow::chooseCategory(const QString& id) {
    categoryId_ = id;
    error_.clear();
    emit changed();
}

void ReportFlow::clearLocation() {
    compound_.clear();
    building_.clear();
    unit_.clear();
    publicArea_.clear();
    communityLevel_ = false;
    unitChosen_ = false;
    buildingOptions_.setItems({});
    unitOptions_.setItems({});
    areaOptions_.setItems({});
    emit changed();
}

void ReportFlow::chooseCompound(const QString& compound) {
    clearLocation();
    compound_ = compound;
    buildingOptions_.setItems(Kiosk::instance()->buildingsOf(compound));
    areaOptions_.setItems(Kiosk::instance()->publicAreasOf(compound));
    emit changed();
}

void ReportFlow::chooseCommunityArea() {
    clearLocation();
    communityLevel_ = true;
    areaOptions_.setItems(Kiosk::instance()->publicAreasOf(QString()));
    emit changed();
}

void ReportFlow::chooseBuilding(const QString& building) {
    building_ = building;
    publicArea_.clear();
    unit_.clear();
    unitChosen_ = false;
    unitOptions_.setItems(Kiosk::instance()->unitsOf(compound_, building));
    emit changed();
}

void ReportFlow::chooseUnit(const QString& unit) {
    unit_ = unit;
    unitChosen_ = true;
    emit changed();
}

void ReportFlow::choosePublicArea(const QString& area) {
    building_.clear();
    unit_.clear();
    unitChosen_ = false;
    publicArea_ = area;
    emit changed();
}

void ReportFlow::refreshSimilar() {
    try {
        similar_.setIssues(Kiosk::instance()->store().similar(categoryId_, Location{compound_, building_, unit_, publicArea_}, 5));
    } catch (const StoreError& e) {
        similar_.setIssues({});
        setError(e.residentMessage());
    }
}

bool ReportFlow::submit() {
    if (!readyToSubmit()) {
        setError(!textProblem().isEmpty() ? textProblem() : phoneProblem().isEmpty() ? QStringLiteral("还有内容没有填写完整。") : phoneProblem());
        return false;
    }
    try {
        const Issue issue = Kiosk::instance()->store().report(
            ReportRequest{categoryId_, Location{compound_, building_, unit_, publicArea_}, text_, phone_});
        // The phone number is not needed on this terminal any more once it is stored.
        phone_.clear();
        setReceipt(QStringLiteral("report"), issue);
        Kiosk::instance()->noteLocalAction(true);
        return true;
    } catch (const StoreError& e) {
        setError(e.residentMessage());
        return false;
    }
}

bool ReportFlow::support(const QString& code) {
    try {
        const Issue issue = Kiosk::instance()->store().support(code);
        similar_.replace(issue);
        setReceipt(QStringLiteral("support"), issue);
        Kiosk::instance()->noteLocalAction(false);
        return true;
    } catch (const StoreError& e) {
        setError(e.residentMessage());
        return false;
    }
}

bool ReportFlow::preparePreview(const QString& screen) {
    IssueFilter f;
    f.openOnly = true;
    const QList<Issue> open = Kiosk::instance()->store().list(f);
    if (open.isEmpty()) return false;
    // The issue with the most supporters makes the fullest similar-issues screen.
    Issue best = open.first();
    for (const Issue& i : open) {
        if (i.supporters > best.supporters) best = i;
    }
    reset();
    if (screen == QLatin1String("report-category")) return true;
    chooseCategory(best.categoryId);
    if (best.location.compound.isEmpty()) chooseCommunityArea();
    else chooseCompound(best.location.compound);
    if (screen == QLatin1String("report-location")) return true;
    if (!best.location.publicArea.isEmpty()) choosePublicArea(best.location.publicArea);
    else {
        chooseBuilding(best.location.building);
        chooseUnit(best.location.unit);
    }
    refreshSimilar();
    if (screen == QLatin1String("report-similar")) return true;
    setText(QStringLiteral("晚上九点以后楼下烧烤店排烟很大，油烟直接飘进三楼、四楼的窗户，老人孩子都受不了，希望商户加装净化器。"));
    setPhone(QStringLiteral("13909511234"));
    if (screen == QLatin1String("report-receipt")) setReceipt(QStringLiteral("report"), best);
    return true;
}

}  // namespace pavilion
