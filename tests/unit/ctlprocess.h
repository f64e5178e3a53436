#pragma once
// pavilionctl (PAVILIONCTL_PATH), the real executable, run to completion through QProcess.
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <ostream>

namespace pavilion::testing {

struct CtlResult {
    int exit = -1;  // -2: crashed, -1: did not start or finish
    QString out;
    QString err;
    QStringList lines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
};
std::ostream& operator<<(std::ostream& os, const CtlResult& r);

CtlResult runCtl(const QStringList& args,
                 const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

}  // namespace pavilion::testing
