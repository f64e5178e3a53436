// Qt Quick Test entry: builds a Kiosk on a temporary data directory holding the demo community's
// issues, so the QML tests tap through the real screens against a real SQLite store.
#include <QDir>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest/quicktest.h>

#include "app/kiosk.h"
#include "ctl/demodata.h"

Q_IMPORT_QML_PLUGIN(Pavilion_BackendPlugin)
Q_IMPORT_QML_PLUGIN(Pavilion_UiPlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable() {
        const QString source = QStringLiteral(PAVILION_SOURCE_DIR);
        auto config = pavilion::TerminalConfig::load(source + QStringLiteral("/kiosk-config/pavilion-shuxiang.json"));
        kiosk_ = std::make_unique<pavilion::Kiosk>(config, dir_.path());
        pavilion::ctl::loadDemoIssues(kiosk_->store().database(), config.terminalId,
                                      source + QStringLiteral("/assets/demo/issues.json"));
        kiosk_->notifyStoreChanged();
        kiosk_->refreshRecent();
        pavilion::Kiosk::setInstance(kiosk_.get());
    }
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }

private:
    QTemporaryDir dir_;
    std::unique_ptr<pavilion::Kiosk> kiosk_;
};

QUICK_TEST_MAIN_WITH_SETUP(pavilion_kiosk, Setup)

#include "main.moc"
