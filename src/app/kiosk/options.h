#pragma once
#include <QSize>
#include <QString>
#include <QStringList>

namespace pavilion::kiosk {

struct Options {
    QString configPath;
    QString dataDir;
    QString screenshotPath;  // set: render one screen offscreen and exit
    QString screen = QStringLiteral("home");
    QSize size{1920, 1080};
    double textScale = 1.0;
    bool exitAfterFirstFrame = false;  // for the start-up benchmark
    bool windowed = false;             // a normal window instead of full screen
};

// Parses the command line; on a problem returns false with a message for stderr.
bool parseOptions(const QStringList& args, Options* o, QString* error);
// True when the command line asks for offscreen rendering, checked before QGuiApplication exists.
bool wantsOffscreen(int argc, char** argv);

}  // namespace pavilion::kiosk
