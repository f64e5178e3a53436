#include "options.h"

#include <QCommandLineParser>
#include <cstring>

namespace pavilion::kiosk {

bool wantsOffscreen(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0) return true;
    }
    return false;
}

bool parseOptions(const QStringList& args, Options* o, QString* error) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Pavilion (议事亭) resident kiosk"));
    p.addHelpOption();
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Terminal config (JSON)."), QStringLiteral("FILE"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("DIR"));
    const QCommandLineOption shot(QStringLiteral("screenshot"), QStringLiteral("Render one screen offscreen to a PNG and exit."), QStringLiteral("FILE.png"));
    const QCommandLineOption screen(QStringLiteral("screen"), QStringLiteral("Screen for --screenshot."), QStringLiteral("NAME"), QStringLiteral("home"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1080x1920."), QStringLiteral("WxH"), QStringLiteral("1920x1080"));
    const QCommandLineOption scale(QStringLiteral("text-scale"), QStringLiteral("Text size, 1.0 to 1.8."), QStringLiteral("F"), QStringLiteral("1.0"));
    const QCommandLineOption firstFrame(QStringLiteral("exit-after-first-frame"), QStringLiteral("Quit once the first frame is shown (benchmarks)."));
    const QCommandLineOption windowed(QStringLiteral("windowed"), QStringLiteral("A normal window instead of full screen."));
    p.addOptions({config, dataDir, shot, screen, size, scale, firstFrame, windowed});
    if (!p.parse(args)) {
        *error = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help"))) {
        *error = p.helpText();
        return false;
    }
    if (!p.isSet(config) || !p.isSet(dataDir)) {
        *error = QStringLiteral("--config FILE and --data-dir DIR are required");
        return false;
    }
    o->configPath = p.value(config);
    o->dataDir = p.value(dataDir);
    o->screenshotPath = p.value(shot);
    o->screen = p.value(screen);
    const QStringList wh = p.value(size).split(u'x');
    bool okW = false, okH = false;
    const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
    if (wh.size() != 2 || !okW || !okH || w < 320 || h < 320 || w > 8192 || h > 8192) {
        *error = QStringLiteral("--size must be WIDTHxHEIGHT between 320 and 8192, got \"%1\"").arg(p.value(size));
        return false;
    }
    o->size = QSize(w, h);
    bool okS = false;
    o->textScale = p.value(scale).toDouble(&okS);
    if (!okS || o->textScale < 0.8 || o->textScale > 2.0) {
        *error = QStringLiteral("--text-scale must be a number from 0.8 to 2.0");
        return false;
    }
    o->exitAfterFirstFrame = p.isSet(firstFrame);
    o->windowed = p.isSet(windowed);
    return true;
}

}  // namespace pavilion::kiosk
