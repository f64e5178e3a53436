#pragma once
// The central server's address in a terminal config (PROTOCOL.md §2): an origin, no path. HTTPS
// for any host; plain HTTP only to this machine (tests, the demo, or a TLS-terminating proxy on the
// same host), because over a network the signature alone would not keep residents' reports private.
#include <QString>

namespace pavilion {

struct ServerOrigin {
    QString scheme;  // "https" or "http"
    QString host;
    int port = 0;
    QString text() const;  // "https://host:port"
};

bool isLoopbackHost(const QString& host);
// False with a plain reason for anything but https://host[:port] or http://loopback[:port].
bool parseServerOrigin(const QString& url, ServerOrigin* out, QString* error);

}  // namespace pavilion
