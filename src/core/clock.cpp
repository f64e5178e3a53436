#include "core/clock.h"

namespace pavilion {

QDateTime Clock::now() const { return QDateTime::currentDateTimeUtc(); }

Clock& Clock::system() {
    static Clock c;
    return c;
}

namespace {

// QDateTime::toString and fromString go through QString::asprintf and a general ISO parser; they
// were a tenth of the server's time in a sync drain (perf, bench_sync_drain), where every event is
// formatted and parsed several times. The fast paths below handle exactly the one form this
// product writes, "yyyy-MM-ddTHH:mm:ss.zzzZ" for years 1000-9999, and leave anything else to Qt,
// so results are the same as Qt's.

void put(char16_t* out, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = char16_t(u'0' + value % 10);
}

bool digitsAt(const QString& s, qsizetype at, qsizetype n, int* value) {
    int v = 0;
    for (qsizetype i = at; i < at + n; ++i) {
        const char16_t c = s.at(i).unicode();
        if (c < u'0' || c > u'9') return false;
        v = v * 10 + (c - u'0');
    }
    *value = v;
    return true;
}

}  // namespace

QString isoUtc(const QDateTime& t) {
    const QDateTime u = t.toUTC();
    const QDate d = u.date();
    if (!u.isValid() || d.year() < 1000 || d.year() > 9999) return u.toString(Qt::ISODateWithMs);
    const QTime tm = u.time();
    QString out(24, Qt::Uninitialized);
    char16_t* p = reinterpret_cast<char16_t*>(out.data());
    put(p, d.year(), 4);
    p[4] = u'-';
    put(p + 5, d.month(), 2);
    p[7] = u'-';
    put(p + 8, d.day(), 2);
    p[10] = u'T';
    put(p + 11, tm.hour(), 2);
    p[13] = u':';
    put(p + 14, tm.minute(), 2);
    p[16] = u':';
    put(p + 17, tm.second(), 2);
    p[19] = u'.';
    put(p + 20, tm.msec(), 3);
    p[23] = u'Z';
    return out;
}

QDateTime parseIsoUtc(const QString& s) {
    // Fast path: exactly "yyyy-MM-ddTHH:mm:ss.zzzZ" with every field in range. Hour 24 (which Qt
    // reads as the end of the day) and anything else unusual go to Qt below.
    if (s.size() == 24 && s.at(4) == u'-' && s.at(7) == u'-' && s.at(10) == u'T' && s.at(13) == u':' &&
        s.at(16) == u':' && s.at(19) == u'.' && s.at(23) == u'Z') {
        int y, mo, d, h, mi, sec, ms;
        if (digitsAt(s, 0, 4, &y) && digitsAt(s, 5, 2, &mo) && digitsAt(s, 8, 2, &d) && digitsAt(s, 11, 2, &h) &&
            digitsAt(s, 14, 2, &mi) && digitsAt(s, 17, 2, &sec) && digitsAt(s, 20, 3, &ms) && y >= 1000 && h < 24 &&
            mi < 60 && sec < 60 && QDate::isValid(y, mo, d))
            return QDateTime(QDate(y, mo, d), QTime(h, mi, sec, ms), Qt::UTC);
    }
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid()) t = QDateTime::fromString(s, Qt::ISODate);
    return t.toUTC();
}

}  // namespace pavilion
