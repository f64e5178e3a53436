// pavilion-kiosk: checks the config, opens the durable store, shows the resident screens.
#include <QFont>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTextStream>
#include <QtQml/QQmlExtensionPlugin>

#include "app/kiosk.h"
#include "options.h"
#include "screenshot.h"

Q_IMPORT_QML_PLUGIN(Pavilion_BackendPlugin)
Q_IMPORT_QML_PLUGIN(Pavilion_UiPlugin)

using namespace pavilion;

namespace {
// A terminal that cannot start says so on its own screen, for whoever walks up, and in the log
// for staff; it stays up until closed so a supervisor does not restart it in a tight loop.
int showFatal(QGuiApplication& app, bool offscreen, const QString& screenshot, const QString& technical, int code) {
    QTextStream(stderr) << "pavilion-kiosk: refusing to start: " << technical << "\n";
    if (offscreen && screenshot.isEmpty()) return code;
    QQmlApplicationEngine engine;
    engine.setInitialProperties({{QStringLiteral("technical"), technical}});
    engine.loadData(R"qml(
import QtQuick
import QtQuick.Window
Window {
    property string technical
    visible: true; visibility: Window.FullScreen; color: "#F7F2EA"; title: "议事亭"
    Column {
        anchors.centerIn: parent; width: parent.width * 0.8; spacing: 32
        Text { width: parent.width; wrapMode: Text.Wrap; font.pixelSize: 56; font.bold: true; color: "#A3161A"
               text: "本终端暂时无法使用" }
        Text { width: parent.width; wrapMode: Text.Wrap; font.pixelSize: 36; color: "#1D1A17"
               text: "已保存的内容都还在。请联系社区工作人员处理。" }
        Text { width: parent.width; wrapMode: Text.Wrap; font.pixelSize: 24; color: "#4A433B"
               text: "给工作人员：" + technical }
    }
}
)qml");
    if (engine.rootObjects().isEmpty()) return code;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (!screenshot.isEmpty()) {
        // --screenshot: picture of this message, so people can see what the terminal shows.
        window->setVisibility(QWindow::Windowed);
        window->resize(1920, 1080);
        kiosk::saveWhenDrawn(window, screenshot);
        return code;
    }
    app.exec();
    return code;
}
}  // namespace

int main(int argc, char** argv) {
    const bool offscreen = kiosk::wantsOffscreen(argc, argv) ||
                           (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
                            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"));
    if (offscreen) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    }
    // The keyboard lives inside the window; no system input method is needed.
    qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("pavilion-kiosk"));
    QGuiApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
    QTextStream err(stderr);

    kiosk::Options opt;
    QString problem;
    if (!kiosk::parseOptions(app.arguments(), &opt, &problem)) {
        err << "pavilion-kiosk: " << problem << "\n";
        return 2;
    }

    std::unique_ptr<Kiosk> k;
    try {
        k = std::make_unique<Kiosk>(TerminalConfig::load(opt.configPath), opt.dataDir);
    } catch (const ConfigError& e) {
        return showFatal(app, offscreen, opt.screenshotPath, e.message(), 5);
    } catch (const StoreError& e) {
        return showFatal(app, offscreen, opt.screenshotPath, e.message(),
                         e.kind() == StoreError::Kind::NewerSchema || e.kind() == StoreError::Kind::Identity ? 6 : 1);
    }
    Kiosk::setInstance(k.get());
    // A screenshot shows the screens (and what the store says about sync); it talks to no server.
    k->startSync(opt.dataDir, opt.screenshotPath.isEmpty());

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.setInitialProperties({{QStringLiteral("textScale"), opt.textScale},
                                 {QStringLiteral("animations"), opt.screenshotPath.isEmpty()},
                                 {QStringLiteral("width"), opt.size.width()},
                                 {QStringLiteral("height"), opt.size.height()}});
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Pavilion/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        err << "pavilion-kiosk: the user interface failed to load\n";
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());

    if (!opt.screenshotPath.isEmpty()) return kiosk::renderScreenshot(window, opt.screen, opt.screenshotPath);
    if (opt.exitAfterFirstFrame) {
        QObject::connect(window, &QQuickWindow::frameSwapped, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    } else if (!opt.windowed && !offscreen) {
        window->showFullScreen();
    }
    return app.exec();
}
