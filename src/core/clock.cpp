#include "core/clock.h"

namespace pavilion {

QDateTime Clock::now() const { return QDateTime::currentDateTimeUtc(); }

Clock& Clock::system() {
    static Clock c;
    return c;
}

QString isoUtc(const QDateTime& t) { return t.toUTC().toString(Qt::ISODateWithMs); }

QDateTime parseIsoUtc(const QString& s) {
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid()) t = QDateTime::fromString(s, Qt::ISODate);
    return t.toUTC();
}

}  // namespace pavilion
