#include "screenshot.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QImage>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>

namespace pavilion::kiosk {

namespace {
// Lets bindings, layouts and image loads settle across a few rendered frames.
void settle(QQuickWindow* window, int frames) {
    for (int i = 0; i < frames; ++i) {
        QEventLoop loop;
        QObject::connect(window, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit);
        QTimer::singleShot(250, &loop, &QEventLoop::quit);
        window->requestUpdate();
        loop.exec();
    }
}
}  // namespace

int renderScreenshot(QQuickWindow* window, const QString& screen, const QString& path) {
    QTextStream err(stderr);
    settle(window, 2);
    QVariant ok;
    QMetaObject::invokeMethod(window, "showScreen", Q_RETURN_ARG(QVariant, ok), Q_ARG(QVariant, screen));
    if (!ok.toBool()) {
        err << "pavilion-kiosk: unknown screen \"" << screen
            << "\" (home, report-category, report-location, report-similar, report-text, report-review, "
               "report-receipt, track)\n";
        return 2;
    }
    if (!saveWhenDrawn(window, path)) return 1;
    QTextStream(stdout) << "pavilion-kiosk: " << screen << " → " << QFileInfo(path).absoluteFilePath() << "\n";
    return 0;
}

bool saveWhenDrawn(QQuickWindow* window, const QString& path) {
    QTextStream err(stderr);
    settle(window, 4);
    const QImage image = window->grabWindow();
    if (image.isNull()) {
        err << "pavilion-kiosk: could not grab the window\n";
        return false;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!image.save(path)) {
        err << "pavilion-kiosk: could not write " << path << "\n";
        return false;
    }
    return true;
}

}  // namespace pavilion::kiosk
