#pragma once
// --listen HOST:PORT: parsing, name resolution, and the loopback rule (plain HTTP is served only
// on 127.0.0.0/8 or ::1, where no one else on the network can read it).
#include <sys/socket.h>
#include <QString>

namespace pavilion::central {

struct ListenAddress {
    sockaddr_storage address{};
    socklen_t length = 0;

    bool isLoopback() const;
    int family() const { return address.ss_family; }
    quint16 port() const;
    // For URLs and messages: "127.0.0.1:8080" or "[::1]:8080".
    QString hostAndPort() const;
};

// "HOST:PORT", "[IPv6]:PORT". HOST is an address or a name ("localhost" is 127.0.0.1); PORT is
// 0 … 65535, 0 meaning any free port. False with a plain message.
bool resolveListenAddress(const QString& text, ListenAddress* out, QString* error);

// A socket bound to `address` and listening. Returns the descriptor, or -1 with the reason in
// plain words ("address already in use"); `bound` then has the real port.
int openListeningSocket(const ListenAddress& address, ListenAddress* bound, QString* error);

}  // namespace pavilion::central
