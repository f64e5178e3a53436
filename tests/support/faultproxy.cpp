#include "faultproxy.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <limits>

#include "httpparse.h"

namespace pavilion::testing {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kAll = std::numeric_limits<std::uint64_t>::max();
// Stop reading a side while this much of what it sent waits to be written (backpressure).
constexpr std::size_t kMaxPending = 256 * 1024;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::chrono::milliseconds kConnectTimeout{5000};

// One direction of a proxied connection. Offsets count the bytes of that direction's stream.
struct Flow {
    int from = -1;
    int to = -1;
    std::string pending;  // stream bytes [written, written + pending.size())
    std::uint64_t read = 0;
    std::uint64_t written = 0;
    std::uint64_t allow = kAll;  // bytes below this may be forwarded now
    std::uint64_t keep = kAll;   // bytes from here on are dropped, never forwarded
    bool eof = false;            // `from` has sent FIN
    bool shutDown = false;       // FIN passed on to `to`
    std::chrono::milliseconds pace{0};
    std::size_t paceBytes = 1;
    Clock::time_point nextWrite{};
    std::atomic<std::uint64_t>* counter = nullptr;

    std::uint64_t forwardable() const {
        const std::uint64_t limit = std::min(allow, written + pending.size());
        return limit > written ? limit - written : 0;
    }
    bool flushed() const { return forwardable() == 0; }
    void applyKeep() {
        if (keep != kAll && written + pending.size() > keep)
            pending.resize(keep > written ? static_cast<std::size_t>(keep - written) : 0);
    }
};

// Where to cut a stream so that the first message never arrives whole. `want` is the wished
// number of bytes (nullopt: not known yet, forward nothing beyond `fallback`).
struct Cut {
    std::uint64_t allow;
    bool final;  // the cut point is settled: once `allow` bytes are written, act
};

Cut cutAt(std::optional<std::uint64_t> want, const HttpTracker& t, std::uint64_t read,
          std::uint64_t fallback) {
    if (!want) return {fallback, false};
    if (t.complete()) return {std::min(*want, t.end() - 1), true};
    // Not complete after `read` bytes, so the message ends beyond them: all of them are safe.
    if (*want <= read) return {*want, true};
    return {read, false};
}

enum class End { None, ResetBoth, ResetClient, CloseBoth };

}  // namespace

struct FaultProxy::Connection {
    Waker waker;  // fired when the proxy stops or goes offline: reset everything
    std::atomic<bool> done{false};
    std::thread thread;
};

const char* FaultProxy::modeName(Mode m) {
    switch (m) {
        case Mode::Pass:
            return "Pass";
        case Mode::ResetBeforeRequest:
            return "ResetBeforeRequest";
        case Mode::ResetMidRequest:
            return "ResetMidRequest";
        case Mode::ResetAfterServerReply:
            return "ResetAfterServerReply";
        case Mode::StallForever:
            return "StallForever";
        case Mode::Trickle:
            return "Trickle";
        case Mode::TruncateReply:
            return "TruncateReply";
    }
    return "?";
}

FaultProxy::FaultProxy(std::string targetHost, std::uint16_t targetPort)
    : targetHost_(std::move(targetHost)), targetPort_(targetPort) {
    listener_ = listenLoopback(&port_);
    acceptThread_ = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy() {
    stop_.wake();
    acceptThread_.join();
    std::list<std::unique_ptr<Connection>> all;
    {
        std::lock_guard lock(mutex_);
        all.swap(connections_);
    }
    for (auto& c : all) c->waker.wake();
    for (auto& c : all) c->thread.join();
}

std::string FaultProxy::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void FaultProxy::setMode(Mode m) {
    std::lock_guard lock(mutex_);
    defaults_.mode = m;
}

void FaultProxy::pushModes(std::initializer_list<Mode> modes) {
    std::lock_guard lock(mutex_);
    queue_.insert(queue_.end(), modes.begin(), modes.end());
}

void FaultProxy::pushModes(const std::vector<Mode>& modes) {
    std::lock_guard lock(mutex_);
    queue_.insert(queue_.end(), modes.begin(), modes.end());
}

void FaultProxy::setModeChooser(std::function<Mode(int)> chooser) {
    std::lock_guard lock(mutex_);
    chooser_ = std::move(chooser);
}

void FaultProxy::clearModes() {
    std::lock_guard lock(mutex_);
    queue_.clear();
}

void FaultProxy::setRequestCut(std::optional<std::uint64_t> bytes) {
    std::lock_guard lock(mutex_);
    defaults_.requestCut = bytes;
}

void FaultProxy::setReplyCut(std::optional<std::uint64_t> bytes) {
    std::lock_guard lock(mutex_);
    defaults_.replyCut = bytes;
}

void FaultProxy::setTrickle(std::chrono::milliseconds interval, std::size_t bytesPerStep) {
    std::lock_guard lock(mutex_);
    defaults_.trickleInterval = interval;
    defaults_.trickleBytes = std::max<std::size_t>(1, bytesPerStep);
}

void FaultProxy::setOnline(bool online) {
    std::lock_guard lock(mutex_);
    online_ = online;
    // A connection registered after this loop starts its thread after the flag changed, so it
    // sees the flag; one registered before is woken here.
    if (!online)
        for (auto& c : connections_) c->waker.wake();
}

bool FaultProxy::waitForAccepted(int n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return accepted_ >= n; });
}

bool FaultProxy::waitForFinished(int n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return finished_ >= n; });
}

void FaultProxy::notify() {
    // Taking the mutex orders the counter change before a waiter's predicate check.
    { std::lock_guard lock(mutex_); }
    changed_.notify_all();
}

void FaultProxy::acceptLoop() {
    for (;;) {
        pollfd p[2] = {{listener_.get(), POLLIN, 0}, {stop_.fd(), POLLIN, 0}};
        if (::poll(p, 2, -1) < 0 && errno != EINTR) break;
        if (p[1].revents) break;
        for (;;) {
            Fd client = acceptNonBlocking(listener_.get());
            if (!client.valid()) break;
            ++accepted_;
            if (!online_) {
                client.reset();
                ++refusedOffline_;
                ++finished_;
                notify();
                continue;
            }
            startConnection(std::move(client));
            notify();
        }
        reapFinished();
    }
}

void FaultProxy::startConnection(Fd client) {
    std::function<Mode(int)> chooser;
    Settings s;
    int index = 0;
    bool fromQueue = false;
    {
        std::lock_guard lock(mutex_);
        s = defaults_;
        index = nextIndex_++;
        if (!queue_.empty()) {
            s.mode = queue_.front();
            queue_.pop_front();
            fromQueue = true;
        } else {
            chooser = chooser_;
        }
    }
    // Called without the lock so that a chooser may use the proxy's setters.
    if (!fromQueue && chooser) s.mode = chooser(index);
    ++modeCounts_[static_cast<int>(s.mode)];

    auto owned = std::make_unique<Connection>();
    Connection& c = *owned;
    std::lock_guard lock(mutex_);
    connections_.push_back(std::move(owned));
    c.thread = std::thread([this, &c, s, fd = client.release()] {
        Fd client(fd);
        if (!online_) {
            client.reset();
        } else {
            serve(c, std::move(client), s);
        }
        connectionEnded(c);
    });
}

void FaultProxy::reapFinished() {
    std::list<std::unique_ptr<Connection>> ended;
    {
        std::lock_guard lock(mutex_);
        for (auto it = connections_.begin(); it != connections_.end();) {
            auto next = std::next(it);
            if ((*it)->done) ended.splice(ended.end(), connections_, it);
            it = next;
        }
    }
    for (auto& c : ended) c->thread.join();
}

void FaultProxy::connectionEnded(Connection& c) {
    ++finished_;
    c.done = true;
    notify();
}

void FaultProxy::serve(Connection& c, Fd client, const Settings& s) {
    switch (s.mode) {
        case Mode::ResetBeforeRequest:
            client.reset();
            return;
        case Mode::StallForever: {
            char buf[4096];
            for (;;) {
                const Io w = waitFor(client.get(), POLLIN, c.waker, std::chrono::milliseconds(-1));
                if (w == Io::Woken) {
                    client.reset();
                    return;
                }
                const ssize_t n = ::recv(client.get(), buf, sizeof buf, 0);
                if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR))) continue;
                return;  // the client gave up (FIN or RST): nothing left to stall
            }
        }
        default:
            break;
    }
    Fd server = connectTcp(targetHost_, targetPort_, kConnectTimeout, c.waker);
    if (!server.valid()) {
        if (!c.waker.woken()) ++upstreamFailures_;
        client.reset();
        return;
    }
    pump(c, client, server, s);
}

void FaultProxy::pump(Connection& c, Fd& client, Fd& server, const Settings& s) {
    Flow up;
    up.from = client.get();
    up.to = server.get();
    up.counter = &bytesToServer_;
    Flow down;
    down.from = server.get();
    down.to = client.get();
    down.counter = &bytesToClient_;
    if (s.mode == Mode::Trickle) {
        down.pace = s.trickleInterval;
        down.paceBytes = s.trickleBytes;
    }
    HttpTracker request(HttpTracker::Kind::Request);
    HttpTracker reply(HttpTracker::Kind::Response);

    // Sets the flows' limits from what the trackers know; says when the fault is complete.
    auto policy = [&]() -> End {
        reply.setResponseToHead(request.headComplete() && request.head().method == "HEAD");
        switch (s.mode) {
            case Mode::ResetMidRequest: {
                std::optional<std::uint64_t> want = s.requestCut;
                if (!want && request.headComplete()) {
                    const std::uint64_t head = request.headEnd();
                    if (request.body() == HttpTracker::Body::Length)
                        want = head + request.contentLength() / 2;
                    else if (request.body() != HttpTracker::Body::Chunked)
                        want = head / 2;
                    else if (request.firstChunkDataStart())
                        want = *request.firstChunkDataStart() + request.firstChunkSize() / 2;
                }
                if (!want && request.malformed() && up.read > 0) want = up.read / 2;
                // Until the cut is known, a chunked request may still get its head through, so
                // that the server's 100 Continue can come back.
                const std::uint64_t fallback =
                    request.headComplete() && request.body() == HttpTracker::Body::Chunked
                        ? request.headEnd()
                        : 0;
                const Cut cut = cutAt(want, request, up.read, fallback);
                up.allow = cut.allow;
                down.allow = reply.interimEnd();
                if (cut.final && up.written >= cut.allow) return End::ResetBoth;
                if (up.eof || down.eof) return End::ResetBoth;
                return End::None;
            }
            case Mode::ResetAfterServerReply:
                if (request.complete()) up.keep = request.end();
                down.allow = reply.interimEnd();
                if (reply.headComplete()) down.keep = reply.interimEnd();
                if (reply.complete() || down.eof) return End::ResetClient;
                return End::None;
            case Mode::TruncateReply: {
                if (request.complete()) up.keep = request.end();
                std::optional<std::uint64_t> want = s.replyCut;
                std::uint64_t fallback = reply.interimEnd();
                if (!want && reply.headComplete()) {
                    const std::uint64_t head = reply.headEnd();
                    fallback = head;
                    switch (reply.body()) {
                        case HttpTracker::Body::Length:
                            want = head + reply.contentLength() / 2;
                            break;
                        case HttpTracker::Body::Chunked:
                            if (reply.firstChunkDataStart())
                                want = *reply.firstChunkDataStart() + reply.firstChunkSize() / 2;
                            break;
                        case HttpTracker::Body::UntilClose:
                            if (reply.complete()) want = head + (reply.end() - head) / 2;
                            break;
                        case HttpTracker::Body::None:
                            want = reply.interimEnd() + (head - reply.interimEnd()) / 2;
                            break;
                    }
                }
                if (!want && reply.malformed()) {
                    fallback = 0;
                    if (down.eof) want = down.read / 2;
                }
                const Cut cut = cutAt(want, reply, down.read, fallback);
                down.allow = cut.allow;
                if (cut.final && down.written >= cut.allow) return End::CloseBoth;
                return End::None;
            }
            default:
                return End::None;
        }
    };

    // Reads what `f.from` has; false when that side failed (reset) and the connection is over.
    auto readSide = [&](Flow& f, HttpTracker& t) -> bool {
        char buf[kReadChunk];
        const ssize_t n = ::recv(f.from, buf, sizeof buf, 0);
        if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        if (n == 0) {
            f.eof = true;
            t.finish();
            policy();
            return true;
        }
        const std::string_view got(buf, static_cast<std::size_t>(n));
        t.feed(got);
        policy();  // may set `keep` for these very bytes
        const std::uint64_t start = f.read;
        f.read += got.size();
        if (start < f.keep)
            f.pending.append(got.substr(
                0, static_cast<std::size_t>(std::min<std::uint64_t>(got.size(), f.keep - start))));
        f.applyKeep();
        return true;
    };
    auto writeSide = [&](Flow& f) -> bool {
        std::size_t len = static_cast<std::size_t>(f.forwardable());
        if (f.pace.count() > 0) len = std::min(len, f.paceBytes);
        const ssize_t n = ::send(f.to, f.pending.data(), len, MSG_NOSIGNAL);
        if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        f.pending.erase(0, static_cast<std::size_t>(n));
        f.written += static_cast<std::uint64_t>(n);
        *f.counter += static_cast<std::uint64_t>(n);
        if (f.pace.count() > 0) f.nextWrite = Clock::now() + f.pace;
        return true;
    };

    bool ignoreHup[2] = {false, false};
    for (;;) {
        switch (policy()) {
            case End::None:
                break;
            case End::ResetBoth:
                client.reset();
                server.reset();
                return;
            case End::ResetClient:
                client.reset();
                server.close();
                return;
            case End::CloseBoth:
                ::shutdown(client.get(), SHUT_WR);
                client.close();
                server.close();
                return;
        }
        for (Flow* f : {&up, &down}) {
            if (f->eof && !f->shutDown && f->flushed()) {
                ::shutdown(f->to, SHUT_WR);
                f->shutDown = true;
            }
        }
        if (up.shutDown && down.shutDown) return;  // both sides closed: Fds close cleanly

        const auto now = Clock::now();
        int timeout = -1;
        auto events = [&](Flow& in, Flow& out) {
            short e = 0;
            if (!in.eof && in.pending.size() < kMaxPending) e |= POLLIN;
            if (out.forwardable() > 0) {
                if (out.pace.count() > 0 && out.nextWrite > now) {
                    const int wait = static_cast<int>(
                        std::chrono::ceil<std::chrono::milliseconds>(out.nextWrite - now).count());
                    timeout = timeout < 0 ? wait : std::min(timeout, wait);
                } else {
                    e |= POLLOUT;
                }
            }
            return e;
        };
        // Client fd: reads feed `up`, writes drain `down`; the server fd the other way round.
        pollfd p[3] = {{client.get(), events(up, down), 0},
                       {server.get(), events(down, up), 0},
                       {c.waker.fd(), POLLIN, 0}};
        for (int i = 0; i < 2; ++i)
            if (ignoreHup[i] && p[i].events == 0) p[i].fd = -1;
        if (::poll(p, 3, timeout) < 0) {
            if (errno == EINTR) continue;
            client.reset();
            server.reset();
            return;
        }
        if (p[2].revents) {
            client.reset();
            server.reset();
            return;
        }
        Flow* in[2] = {&up, &down};
        Flow* out[2] = {&down, &up};
        HttpTracker* tracker[2] = {&request, &reply};
        for (int i = 0; i < 2; ++i) {
            const short r = p[i].revents;
            bool ok = true;
            if ((r & (POLLIN | POLLHUP | POLLERR)) && (p[i].events & POLLIN))
                ok = readSide(*in[i], *tracker[i]);
            if (ok && (r & (POLLOUT | POLLERR)) && (p[i].events & POLLOUT)) ok = writeSide(*out[i]);
            if (ok && (r & POLLERR) && !(p[i].events & (POLLIN | POLLOUT))) ok = false;
            // A hang-up we cannot act on yet would make poll() spin: stop watching for it.
            if (ok && (r & POLLHUP) && !(p[i].events & POLLIN)) ignoreHup[i] = true;
            if (!ok) {
                // One side was reset: pass the reset on, as a router dropping the flow would.
                client.reset();
                server.reset();
                return;
            }
        }
    }
}

}  // namespace pavilion::testing
