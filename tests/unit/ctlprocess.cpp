#include "ctlprocess.h"

#include <QProcess>

namespace pavilion::testing {

std::ostream& operator<<(std::ostream& os, const CtlResult& r) {
    return os << "exit " << r.exit << "\n--- stdout\n" << r.out.toStdString() << "--- stderr\n" << r.err.toStdString();
}

CtlResult runCtl(const QStringList& args, const QProcessEnvironment& env) {
    QProcess p;
    p.setProgram(QStringLiteral(PAVILIONCTL_PATH));
    p.setArguments(args);
    p.setProcessEnvironment(env);
    p.start();
    CtlResult r;
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("could not start ") + QStringLiteral(PAVILIONCTL_PATH);
        return r;
    }
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return r;
}

}  // namespace pavilion::testing
