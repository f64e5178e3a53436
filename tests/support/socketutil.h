#pragma once
// POSIX socket plumbing shared by FaultProxy and HostileServer: an owning descriptor, a loopback
// listener, a non-blocking connect, and waits that a Waker can cut short so that destructors never
// hang on a blocked peer.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pavilion::testing {

// Owns one file descriptor; closes it on destruction. Move-only.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() { close(); }
    Fd(Fd&& o) noexcept : fd_(o.release()) {}
    Fd& operator=(Fd&& o) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    int release();
    void close();  // orderly: the peer sees FIN (or RST if unread data is pending, as TCP does)
    void reset();  // abortive: SO_LINGER {1, 0} then close, the peer sees RST

private:
    int fd_ = -1;
};

// A self-pipe. Once wake() is called its fd() stays readable for good, so every poll() that
// includes it returns at once: used for "stop now" signals that must reach a blocked thread.
class Waker {
public:
    Waker();
    void wake();
    int fd() const { return read_.get(); }
    bool woken() const;

private:
    Fd read_;
    Fd write_;
};

// A non-blocking TCP listener on 127.0.0.1:0. Throws std::runtime_error on failure.
Fd listenLoopback(std::uint16_t* port);

// Accepts one pending connection as a non-blocking socket; invalid Fd when there is none.
Fd acceptNonBlocking(int listenFd);

// Connects to host:port (name or numeric). The returned socket is non-blocking. Gives up (invalid
// Fd) on refusal, on timeout, or when `waker` fires.
Fd connectTcp(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout,
              const Waker& waker);

enum class Io { Ok, Eof, Error, Woken, Timeout };

// Waits until `fd` has the poll `events` (POLLIN/POLLOUT) or the waker fires. timeout < 0: none.
Io waitFor(int fd, short events, const Waker& waker, std::chrono::milliseconds timeout);

// Sends all of `data` on a non-blocking socket, waiting for room as needed (no SIGPIPE).
Io sendAll(int fd, std::string_view data, const Waker& waker);

// Sleeps for `d` unless the waker fires first; returns false when woken.
bool sleepUnlessWoken(const Waker& waker, std::chrono::milliseconds d);

}  // namespace pavilion::testing
