#pragma once
#include <QString>

class QQuickWindow;

namespace pavilion::kiosk {

// Shows `screen` in `window`, waits until it has been drawn, saves a PNG. Returns an exit code.
int renderScreenshot(QQuickWindow* window, const QString& screen, const QString& path);
// Waits until `window` has been drawn and saves it; false if it could not.
bool saveWhenDrawn(QQuickWindow* window, const QString& path);

}  // namespace pavilion::kiosk
