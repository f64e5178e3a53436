// pavilion-central: the sync server and its operator commands (usage: pavilion-central --help).
#include <QCoreApplication>
#include <QTextStream>
#include <csignal>

#include "sync/server/commands.h"

int main(int argc, char** argv) {
    // Before any thread exists, so every thread (libmicrohttpd's too) inherits the mask and serve()
    // alone receives the stop signals, with sigwait. SIGPIPE: a client that hangs up is an error
    // on that connection, not the end of the server.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pavilion-central"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int rc = pavilion::central::run(app.arguments().mid(1), out, err);
    out.flush();
    err.flush();
    return rc;
}
