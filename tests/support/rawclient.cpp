#include "rawclient.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <stdexcept>

namespace pavilion::testing {

RawClient::RawClient(std::uint16_t port)
    : fd_(connectTcp("127.0.0.1", port, std::chrono::milliseconds(5000), never_)) {
    if (!fd_.valid()) throw std::runtime_error("RawClient: cannot connect");
}

bool RawClient::send(std::string_view bytes) {
    return sendAll(fd_.get(), bytes, never_) == Io::Ok;
}

RawClient::Received RawClient::readUntilClosed(std::chrono::milliseconds timeout) {
    Received r;
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0 || waitFor(fd_.get(), POLLIN, never_, left) != Io::Ok) return r;
        char buf[16384];
        const ssize_t n = ::recv(fd_.get(), buf, sizeof buf, 0);
        if (n > 0) {
            r.bytes.append(buf, static_cast<std::size_t>(n));
        } else if (n == 0) {
            r.closed = true;
            return r;
        } else if (errno != EAGAIN && errno != EINTR) {
            r.closed = true;
            r.reset = errno == ECONNRESET;
            return r;
        }
    }
}

}  // namespace pavilion::testing
