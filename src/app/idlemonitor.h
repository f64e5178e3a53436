#pragma once
// A public terminal must not show the previous resident's data: after `timeoutSeconds` without a
// touch, a visible countdown of `warningSeconds`, then timedOut().
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace pavilion {

class IdleMonitor : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY changed)
    Q_PROPERTY(int timeoutSeconds READ timeoutSeconds WRITE setTimeoutSeconds NOTIFY changed)
    Q_PROPERTY(int warningSeconds READ warningSeconds WRITE setWarningSeconds NOTIFY changed)
    Q_PROPERTY(bool warning READ warning NOTIFY changed)
    Q_PROPERTY(int remaining READ remaining NOTIFY changed)
public:
    explicit IdleMonitor(QObject* parent = nullptr);
    ~IdleMonitor() override;

    bool active() const { return active_; }
    void setActive(bool a);
    int timeoutSeconds() const { return timeout_; }
    void setTimeoutSeconds(int s);
    int warningSeconds() const { return warningSecs_; }
    void setWarningSeconds(int s);
    bool warning() const { return active_ && idle_ >= timeout_ - warningSecs_; }
    int remaining() const { return qMax(0, timeout_ - idle_); }

    Q_INVOKABLE void poke();  // counts as a touch
    // For tests and benchmarks: advance the idle clock without waiting.
    Q_INVOKABLE void advance(int seconds);

signals:
    void changed();
    void timedOut();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void tick(int seconds);
    bool active_ = false;
    int timeout_ = 90;
    int warningSecs_ = 15;
    int idle_ = 0;
    QTimer timer_;
};

}  // namespace pavilion
