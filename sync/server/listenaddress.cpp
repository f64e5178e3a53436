#include "sync/server/listenaddress.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pavilion::central {

namespace {

bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

}  // namespace

bool ListenAddress::isLoopback() const {
    if (family() == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&address);
        return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    }
    if (family() == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address);
        if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) return true;
        // ::ffff:127.x.y.z is IPv4 loopback too.
        return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && in6->sin6_addr.s6_addr[12] == 127;
    }
    return false;
}

quint16 ListenAddress::port() const {
    if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    if (family() == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    return 0;
}

QString ListenAddress::hostAndPort() const {
    char text[INET6_ADDRSTRLEN] = {};
    if (family() == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&address)->sin_addr, text,
                  sizeof text);
        return QStringLiteral("%1:%2").arg(QLatin1String(text)).arg(port());
    }
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&address)->sin6_addr, text,
              sizeof text);
    return QStringLiteral("[%1]:%2").arg(QLatin1String(text)).arg(port());
}

bool resolveListenAddress(const QString& text, ListenAddress* out, QString* error) {
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return fail(error, QStringLiteral("--listen \"%1\" must be HOST:PORT, e.g. "
                                          "127.0.0.1:8080 or 0.0.0.0:8443")
                               .arg(text));
    QString host = text.left(colon);
    const QString portText = text.mid(colon + 1);
    if (host.startsWith(u'[') && host.endsWith(u']')) host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535 || portText.isEmpty() || !portText.front().isDigit())
        return fail(error, QStringLiteral("--listen \"%1\": the port must be a number from 0 to "
                                          "65535 (0 picks a free one)")
                               .arg(text));
    if (host.isEmpty())
        return fail(
            error,
            QStringLiteral("--listen \"%1\": give a host, e.g. 127.0.0.1:%2").arg(text, portText));
    // "localhost" is IPv4 loopback here whatever /etc/hosts lists first, so the printed URL and
    // the tests agree.
    if (host == QLatin1String("localhost")) host = QStringLiteral("127.0.0.1");

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(host.toUtf8().constData(), QByteArray::number(port).constData(),
                               &hints, &found);
    if (rc != 0 || !found)
        return fail(error, QStringLiteral("--listen \"%1\": cannot resolve \"%2\": %3")
                               .arg(text, host, QString::fromLocal8Bit(gai_strerror(rc))));
    ListenAddress a;
    std::memcpy(&a.address, found->ai_addr, found->ai_addrlen);
    a.length = found->ai_addrlen;
    freeaddrinfo(found);
    *out = a;
    return true;
}

int openListeningSocket(const ListenAddress& address, ListenAddress* bound, QString* error) {
    const int fd = socket(address.family(), SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error =
            QStringLiteral("cannot make a socket: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return -1;
    }
    const int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (address.family() == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
    if (bind(fd, reinterpret_cast<const sockaddr*>(&address.address), address.length) != 0 ||
        listen(fd, 64) != 0) {
        *error = QStringLiteral("cannot listen on %1: %2")
                     .arg(address.hostAndPort(), QString::fromLocal8Bit(strerror(errno)));
        close(fd);
        return -1;
    }
    ListenAddress b;
    b.length = sizeof b.address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&b.address), &b.length);
    *bound = b;
    return fd;
}

}  // namespace pavilion::central
