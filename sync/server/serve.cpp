#include "sync/server/serve.h"

#include <unistd.h>

#include <QFile>
#include <csignal>

#include "storage/storeerror.h"
#include "sync/server/centralstore.h"
#include "sync/server/exitcodes.h"
#include "sync/server/httpserver.h"
#include "sync/server/listenaddress.h"
#include "sync/server/serverlog.h"

namespace pavilion::central {

namespace {

bool readPem(const QString& path, const char* what, QByteArray* out, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS %1 %2: %3")
                     .arg(QLatin1String(what), path, f.errorString());
        return false;
    }
    *out = f.readAll();
    if (!out->contains("-----BEGIN ")) {
        *error = QStringLiteral("the TLS %1 %2 is not a PEM file").arg(QLatin1String(what), path);
        return false;
    }
    return true;
}

int waitForStopSignal() {
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    int received = 0;
    while (sigwait(&stop, &received) != 0) {
    }
    return received;
}

}  // namespace

int serve(const Options& options, QTextStream& out, QTextStream& err) {
    ListenAddress address;
    QString error;
    if (!resolveListenAddress(options.listen, &address, &error)) {
        err << "pavilion-central: " << error << Qt::endl;
        return Usage;
    }
    const bool tls = !options.tlsCert.isEmpty();
    if (!tls && !address.isLoopback()) {
        err << "pavilion-central: refusing to serve plain HTTP on " << address.hostAndPort()
            << ": device secrets and residents' reports would cross the network unencrypted.\n"
            << "Give --tls-cert FILE and --tls-key FILE, or listen on 127.0.0.1 behind a "
               "TLS-terminating proxy on this host."
            << Qt::endl;
        return Usage;
    }
    HttpServer::Config config;
    if (tls && (!readPem(options.tlsCert, "certificate", &config.tlsCertPem, &error) ||
                !readPem(options.tlsKey, "key", &config.tlsKeyPem, &error))) {
        err << "pavilion-central: " << error << Qt::endl;
        return StoreOrConfig;
    }

    std::unique_ptr<CentralStore> store;
    try {
        store = openCentralStore(options.db, &error);
    } catch (const StoreError& e) {
        err << "pavilion-central: cannot use the store: " << e.message() << Qt::endl;
        return StoreOrConfig;
    }
    if (!store) {
        err << "pavilion-central: " << error << Qt::endl;
        return Usage;
    }

    ListenAddress bound;
    config.listenSocket = openListeningSocket(address, &bound, &error);
    if (config.listenSocket < 0) {
        err << "pavilion-central: " << error << Qt::endl;
        return Failed;
    }
    config.ipv6 = bound.family() == AF_INET6;
    HttpServer server(*store);
    if (!server.start(config, &error)) {
        close(config.listenSocket);
        err << "pavilion-central: " << error << Qt::endl;
        return tls ? StoreOrConfig : Failed;
    }
    // Tests and scripts wait for exactly this line.
    out << "pavilion-central listening on " << (tls ? "https://" : "http://") << bound.hostAndPort()
        << Qt::endl;

    const int signal = waitForStopSignal();
    logLine(QStringLiteral("%1 received, stopping").arg(signal == SIGTERM ? "SIGTERM" : "SIGINT"));
    server.stop();  // running requests finish; their batches are committed or rolled back
    return Ok;
}

}  // namespace pavilion::central
