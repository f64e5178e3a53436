#pragma once
// Time source, injectable so tests can pin "now" and jump the clock.
#include <QDateTime>

namespace pavilion {

class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const;  // UTC
    static Clock& system();
};

class FixedClock : public Clock {
public:
    explicit FixedClock(QDateTime t) : t_(std::move(t)) {}
    QDateTime now() const override { return t_; }
    void set(QDateTime t) { t_ = std::move(t); }
    void advanceSeconds(qint64 s) { t_ = t_.addSecs(s); }

private:
    QDateTime t_;
};

// ISO 8601 UTC with milliseconds: the one text form of time in the store and on the wire.
QString isoUtc(const QDateTime& t);
QDateTime parseIsoUtc(const QString& s);

}  // namespace pavilion
