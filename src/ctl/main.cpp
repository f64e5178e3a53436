#include <QCoreApplication>
#include <QTextStream>

#include "ctl/commands.h"

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pavilionctl"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int rc = pavilion::ctl::run(app.arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return rc;
}
