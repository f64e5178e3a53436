#include "sync/server/serverlog.h"

#include <cstdio>

namespace pavilion::central {

void logLine(const QString& line) {
    const QByteArray bytes = ("pavilion-central: " + line + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

}  // namespace pavilion::central
