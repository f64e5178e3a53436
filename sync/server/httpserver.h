#pragma once
// libmicrohttpd in front of handlers.cpp: reads requests (refusing oversize bodies before reading
// them), hands complete ones to handle(), sends JSON replies with Date and Content-Type, and logs
// one line per request. HTTPS through MHD's GnuTLS support.
#include <QByteArray>
#include <QString>

struct MHD_Daemon;

namespace pavilion::central {

class CentralStore;

class HttpServer {
public:
    struct Config {
        int listenSocket = -1;  // bound and listening (listenaddress.h); MHD closes it on stop
        bool ipv6 = false;
        QByteArray tlsCertPem;  // both empty: plain HTTP
        QByteArray tlsKeyPem;
        // MHD's threads wait on events, so a stalled client holds a connection slot, not a
        // thread; a pushing request does hold one while its batch is committed.
        unsigned threads = 4;
        unsigned connectionLimit = 256;
        unsigned idleTimeoutSeconds = 30;
    };

    explicit HttpServer(CentralStore& store) : store_(store) {}
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // False with a plain message when the daemon does not start.
    bool start(const Config& config, QString* error);
    // Stops accepting, lets running handlers finish, closes all connections.
    void stop();

    // libmicrohttpd calls these through C trampolines; public only for them.
    struct Exchange;
    int onRequest(void* connection, Exchange* exchange, const char* method, const char* uploadData,
                  size_t* uploadSize);

private:
    CentralStore& store_;
    MHD_Daemon* daemon_ = nullptr;
    QByteArray certPem_;  // MHD keeps pointers to these while it runs
    QByteArray keyPem_;
};

}  // namespace pavilion::central
