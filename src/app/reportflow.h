#pragma once
// One resident's report in progress: category → location → similar issues → text and phone →
// review → submit. Holds nothing after reset(), which the idle timeout calls.
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "app/choicemodel.h"
#include "app/issuelistmodel.h"

namespace pavilion {

class ReportFlow : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString categoryId READ categoryId NOTIFY changed)
    Q_PROPERTY(QString categoryLabel READ categoryLabel NOTIFY changed)
    Q_PROPERTY(QString categoryIcon READ categoryIcon NOTIFY changed)
    Q_PROPERTY(QString compound READ compound NOTIFY changed)
    Q_PROPERTY(QString building READ building NOTIFY changed)
    Q_PROPERTY(QString unit READ unit NOTIFY changed)
    Q_PROPERTY(QString publicArea READ publicArea NOTIFY changed)
    Q_PROPERTY(bool communityLevel READ communityLevel NOTIFY changed)
    Q_PROPERTY(QString locationLabel READ locationLabel NOTIFY changed)
    Q_PROPERTY(bool locationComplete READ locationComplete NOTIFY changed)
    Q_PROPERTY(ChoiceModel* buildingOptions READ buildingOptions CONSTANT)
    Q_PROPERTY(ChoiceModel* unitOptions READ unitOptions CONSTANT)
    Q_PROPERTY(ChoiceModel* areaOptions READ areaOptions CONSTANT)
    Q_PROPERTY(IssueListModel* similar READ similar CONSTANT)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY changed)
    Q_PROPERTY(int textLength READ textLength NOTIFY changed)
    Q_PROPERTY(int maxTextLength READ maxTextLength CONSTANT)
    Q_PROPERTY(QString phone READ phone WRITE setPhone NOTIFY changed)
    Q_PROPERTY(QString phoneMasked READ phoneMasked NOTIFY changed)
    Q_PROPERTY(QString phoneProblem READ phoneProblem NOTIFY changed)
    Q_PROPERTY(QString textProblem READ textProblem NOTIFY changed)
    Q_PROPERTY(bool readyToSubmit READ readyToSubmit NOTIFY changed)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY changed)
    Q_PROPERTY(QString receiptKind READ receiptKind NOTIFY changed)
    Q_PROPERTY(QString receiptCode READ receiptCode NOTIFY changed)
    Q_PROPERTY(QString receiptDisplayCode READ receiptDisplayCode NOTIFY changed)
    Q_PROPERTY(QString receiptUrl READ receiptUrl NOTIFY changed)
    Q_PROPERTY(int receiptSupporters READ receiptSupporters NOTIFY changed)

public:
    explicit ReportFlow(QObject* parent = nullptr);

    QString categoryId() const { return categoryId_; }
    QString categoryLabel() const;
    QString categoryIcon() const;
    QString compound() const { return compound_; }
    QString building() const { return building_; }
    QString unit() const { return unit_; }
    QString publicArea() const { return publicArea_; }
    bool communityLevel() const { return communityLevel_; }
    QString locationLabel() const;
    bool locationComplete() const;
    ChoiceModel* buildingOptions() { return &buildingOptions_; }
    ChoiceModel* unitOptions() { return &unitOptions_; }
    ChoiceModel* areaOptions() { return &areaOptions_; }
    IssueListModel* similar() { return &similar_; }
    QString text() const { return text_; }
    void setText(const QString& t);
    int textLength() const;
    int maxTextLength() const;
    QString phone() const { return phone_; }
    void setPhone(const QString& p);
    QString phoneMasked() const;
    QString phoneProblem() const;
    QString textProblem() const;
    bool readyToSubmit() const;
    QString errorMessage() const { return error_; }
    QString receiptKind() const { return receiptKind_; }
    QString receiptCode() const { return receiptCode_; }
    QString receiptDisplayCode() const;
    QString receiptUrl() const;
    int receiptSupporters() const { return receiptSupporters_; }

    Q_INVOKABLE void reset();
    Q_INVOKABLE void chooseCategory(const QString& id);
    // compound "" with community = true: a public area of the whole community.
    Q_INVOKABLE void chooseCompound(const QString& compound);
    Q_INVOKABLE void chooseCommunityArea();
    Q_INVOKABLE void chooseBuilding(const QString& building);
    Q_INVOKABLE void chooseUnit(const QString& unit);  // "" = the whole building
    Q_INVOKABLE void choosePublicArea(const QString& area);
    Q_INVOKABLE void clearLocation();
    Q_INVOKABLE void refreshSimilar();
    // What a text field may hold: cut to the limit so a resident sees the counter stop.
    Q_INVOKABLE QString clampText(const QString& t) const;
    Q_INVOKABLE int lengthOf(const QString& t) const;
    // Commits the report; true once it is durable, with the receipt filled in.
    Q_INVOKABLE bool submit();
    // 附议 an existing issue instead of reporting a new one.
    Q_INVOKABLE bool support(const QString& code);
    // Fills the draft from stored data so a screen can be rendered for a screenshot.
    Q_INVOKABLE bool preparePreview(const QString& screen);

signals:
    void changed();

private:
    void setError(const QString& e);
    void setReceipt(const QString& kind, const Issue& issue);

    QString categoryId_, compound_, building_, unit_, publicArea_;
    bool communityLevel_ = false;
    bool unitChosen_ = false;
    QString text_, phone_, error_;
    QString receiptKind_, receiptCode_;
    int receiptSupporters_ = 0;
    ChoiceModel buildingOptions_, unitOptions_, areaOptions_;
    IssueListModel similar_;
};

}  // namespace pavilion
