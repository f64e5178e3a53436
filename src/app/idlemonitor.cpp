#include "app/idlemonitor.h"

#include <QCoreApplication>
#include <QEvent>

namespace pavilion {

IdleMonitor::IdleMonitor(QObject* parent) : QObject(parent) {
    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, [this] { tick(1); });
    QCoreApplication::instance()->installEventFilter(this);
}

IdleMonitor::~IdleMonitor() {
    if (auto* app = QCoreApplication::instance()) app->removeEventFilter(this);
}

void IdleMonitor::setActive(bool a) {
    if (a == active_) return;
    active_ = a;
    idle_ = 0;
    if (a) timer_.start();
    else timer_.stop();
    emit changed();
}

void IdleMonitor::setTimeoutSeconds(int s) {
    if (s == timeout_) return;
    timeout_ = qMax(5, s);
    emit changed();
}

void IdleMonitor::setWarningSeconds(int s) {
    if (s == warningSecs_) return;
    warningSecs_ = qBound(1, s, timeout_ - 1);
    emit changed();
}

void IdleMonitor::poke() {
    if (idle_ == 0) return;
    idle_ = 0;
    emit changed();
}

void IdleMonitor::advance(int seconds) { tick(seconds); }

void IdleMonitor::tick(int seconds) {
    if (!active_) return;
    idle_ += seconds;
    emit changed();
    if (idle_ >= timeout_) {
        idle_ = 0;
        emit timedOut();
    }
}

bool IdleMonitor::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::TouchBegin:
        case QEvent::KeyPress:
        case QEvent::Wheel:
        case QEvent::InputMethod: poke(); break;
        default: break;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace pavilion
