#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include "ctl/commands.h"

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pavilionctl"));
    // The sync engine logs for the kiosk's journal; pavilionctl prints the same facts itself.
    QLoggingCategory::setFilterRules(QStringLiteral("pavilion.sync.warning=false\npavilion.sync.info=false"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int rc = pavilion::ctl::run(app.arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return rc;
}
