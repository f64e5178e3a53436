#include "sync/protocol/protocol.h"

#include <QList>

namespace pavilion::sync {

namespace {
bool lowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
}  // namespace

bool isWellFormedDeviceId(QByteArrayView id) {
    // Written out rather than a QRegularExpression: it runs on every request before anything
    // else and is five lines.
    if (id.size() < 2 || id.size() > 63 || !lowerAlnum(id.front())) return false;
    for (const char c : id)
        if (!lowerAlnum(c) && c != '-') return false;
    return true;
}

bool isJsonContentType(QByteArrayView contentType) {
    // Qt Core has no media-type parser (QMimeType is about file types); the one parameter v1
    // allows makes a split on ';' enough.
    const QList<QByteArray> parts = contentType.toByteArray().split(';');
    if (parts.isEmpty() || parts.size() > 2) return false;
    if (parts.at(0).trimmed().toLower() != "application/json") return false;
    if (parts.size() == 1) return true;
    const QByteArray param = parts.at(1).trimmed().toLower();
    return param == "charset=utf-8" || param == "charset=\"utf-8\"";
}

}  // namespace pavilion::sync
