#include "socketutil.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace pavilion::testing {

Fd& Fd::operator=(Fd&& o) noexcept {
    if (this != &o) {
        close();
        fd_ = o.release();
    }
    return *this;
}

int Fd::release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

void Fd::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

void Fd::reset() {
    if (fd_ < 0) return;
    const linger l{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close();
}

Waker::Waker() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    read_ = Fd(fds[0]);
    write_ = Fd(fds[1]);
}

void Waker::wake() {
    const char c = 1;
    // A full pipe already wakes everyone, so a failed write is harmless.
    [[maybe_unused]] const auto n = ::write(write_.get(), &c, 1);
}

bool Waker::woken() const {
    pollfd p{read_.get(), POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
}

Fd listenLoopback(std::uint16_t* port) {
    Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.valid()) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd.get(), 128) != 0)
        throw std::runtime_error(std::string("bind/listen: ") + std::strerror(errno));
    socklen_t len = sizeof addr;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

Fd acceptNonBlocking(int listenFd) {
    return Fd(::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
}

Fd connectTcp(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout,
              const Waker& waker) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0) return {};
    Fd result;
    for (addrinfo* ai = res; ai && !result.valid(); ai = ai->ai_next) {
        Fd fd(::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                       ai->ai_protocol));
        if (!fd.valid()) continue;
        if (::connect(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) continue;
            if (waitFor(fd.get(), POLLOUT, waker, timeout) != Io::Ok) continue;
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) continue;
        }
        result = std::move(fd);
    }
    ::freeaddrinfo(res);
    return result;
}

Io waitFor(int fd, short events, const Waker& waker, std::chrono::milliseconds timeout) {
    pollfd p[2] = {{fd, events, 0}, {waker.fd(), POLLIN, 0}};
    for (;;) {
        const int n = ::poll(p, 2, timeout.count() < 0 ? -1 : static_cast<int>(timeout.count()));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Io::Error;
        if (n == 0) return Io::Timeout;
        if (p[1].revents) return Io::Woken;
        // POLLERR/POLLHUP: let the following read/send report what happened.
        return Io::Ok;
    }
}

Io sendAll(int fd, std::string_view data, const Waker& waker) {
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n > 0) {
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const Io w = waitFor(fd, POLLOUT, waker, std::chrono::milliseconds(-1));
            if (w != Io::Ok) return w;
            continue;
        }
        return Io::Error;
    }
    return Io::Ok;
}

bool sleepUnlessWoken(const Waker& waker, std::chrono::milliseconds d) {
    pollfd p{waker.fd(), POLLIN, 0};
    const auto until = std::chrono::steady_clock::now() + d;
    for (;;) {
        // Rounded up: callers rely on never waking early (Trickle's pacing is a lower bound).
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return true;
        const int n = ::poll(&p, 1, static_cast<int>(left.count()));
        if (n > 0) return false;
    }
}

}  // namespace pavilion::testing
