#include "hostileserver.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <random>

#include "httpparse.h"

namespace pavilion::testing {

namespace {

constexpr std::size_t kPiece = 64 * 1024;
// After the last reply, how long to wait for the client's FIN before closing anyway.
constexpr std::chrono::milliseconds kLingerTimeout{1000};

}  // namespace

std::optional<std::string> RecordedRequest::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (equalsIgnoreCase(k, name)) return v;
    return std::nullopt;
}

HostileServer::Reply HostileServer::Reply::raw(std::string bytes) {
    Reply r;
    r.kind_ = Kind::Bytes;
    r.bytes_ = std::move(bytes);
    return r;
}

HostileServer::Reply HostileServer::Reply::garbage(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string bytes(n, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
    if (!bytes.empty() && bytes[0] == 'H') bytes[0] = '\x01';  // never an HTTP status line
    return raw(std::move(bytes));
}

HostileServer::Reply HostileServer::Reply::huge(int status, std::string contentType,
                                                std::uint64_t totalBytes) {
    Reply r;
    r.kind_ = Kind::Huge;
    r.status_ = status;
    r.contentType_ = std::move(contentType);
    r.hugeBytes_ = totalBytes;
    r.close_ = false;
    return r;
}

HostileServer::Reply HostileServer::Reply::json(int status, std::string body) {
    return withContentType(status, "application/json", std::move(body));
}

HostileServer::Reply HostileServer::Reply::withContentType(int status, std::string contentType,
                                                           std::string body) {
    Reply r;
    r.kind_ = Kind::Formed;
    r.status_ = status;
    r.contentType_ = std::move(contentType);
    r.bytes_ = std::move(body);
    r.close_ = false;
    return r;
}

HostileServer::Reply HostileServer::Reply::closeWithoutReply() {
    return Reply();
}

HostileServer::Reply HostileServer::Reply::delayed(std::chrono::milliseconds d) const {
    Reply r = *this;
    r.delay_ = d;
    return r;
}

HostileServer::Reply HostileServer::Reply::closeAfter(bool close) const {
    Reply r = *this;
    r.close_ = close;
    return r;
}

HostileServer::Reply HostileServer::Reply::withHeader(std::string name, std::string value) const {
    Reply r = *this;
    r.headers_.emplace_back(std::move(name), std::move(value));
    return r;
}

HostileServer::Reply HostileServer::echo(const RecordedRequest& request) {
    return Reply::withContentType(
        200, request.header("Content-Type").value_or("application/octet-stream"), request.body);
}

std::string HostileServer::reasonPhrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Status";
    }
}

HostileServer::HostileServer() {
    listener_ = listenLoopback(&port_);
    acceptThread_ = std::thread([this] { acceptLoop(); });
}

HostileServer::~HostileServer() {
    stop_.wake();
    acceptThread_.join();
    std::list<std::unique_ptr<Worker>> all;
    {
        std::lock_guard lock(mutex_);
        all.swap(workers_);
    }
    for (auto& w : all) w->thread.join();
}

std::string HostileServer::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HostileServer::pushReply(Reply r) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(r));
}

void HostileServer::setHandler(Handler h) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(h);
}

void HostileServer::setSendContinue(bool send) {
    std::lock_guard lock(mutex_);
    sendContinue_ = send;
}

std::vector<RecordedRequest> HostileServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

int HostileServer::requestCount() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(requests_.size());
}

bool HostileServer::waitForRequests(int n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout,
                             [&] { return static_cast<int>(requests_.size()) >= n; });
}

bool HostileServer::waitForFinished(int n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return finished_ >= n; });
}

void HostileServer::notify() {
    { std::lock_guard lock(mutex_); }
    changed_.notify_all();
}

void HostileServer::acceptLoop() {
    for (;;) {
        pollfd p[2] = {{listener_.get(), POLLIN, 0}, {stop_.fd(), POLLIN, 0}};
        if (::poll(p, 2, -1) < 0 && errno != EINTR) break;
        if (p[1].revents) break;
        for (;;) {
            Fd fd = acceptNonBlocking(listener_.get());
            if (!fd.valid()) break;
            const int index = accepted_++;
            auto owned = std::make_unique<Worker>();
            Worker& w = *owned;
            std::lock_guard lock(mutex_);
            workers_.push_back(std::move(owned));
            w.thread = std::thread([this, &w, index, raw = fd.release()] {
                serve(Fd(raw), index);
                ++finished_;
                w.done = true;
                notify();
            });
        }
        notify();
        reapFinished();
    }
}

void HostileServer::reapFinished() {
    std::list<std::unique_ptr<Worker>> ended;
    {
        std::lock_guard lock(mutex_);
        for (auto it = workers_.begin(); it != workers_.end();) {
            auto next = std::next(it);
            if ((*it)->done) ended.splice(ended.end(), workers_, it);
            it = next;
        }
    }
    for (auto& w : ended) w->thread.join();
}

void HostileServer::serve(Fd fd, int index) {
    std::string in;  // received, not yet consumed
    for (;;) {
        // Read one complete request (keep-alive: later ones follow on the same connection).
        HttpTracker tracker(HttpTracker::Kind::Request);
        tracker.feed(in);
        bool continued = false;
        while (!tracker.complete()) {
            if (tracker.malformed()) {
                ++malformedRequests_;
                lingeringClose(fd);
                return;
            }
            if (tracker.headComplete() && !continued) {
                continued = true;
                const auto expect = tracker.head().header("Expect");
                bool send = false;
                {
                    std::lock_guard lock(mutex_);
                    send = sendContinue_;
                }
                if (send && expect && equalsIgnoreCase(*expect, "100-continue") &&
                    sendAll(fd.get(), "HTTP/1.1 100 Continue\r\n\r\n", stop_) != Io::Ok)
                    return;
            }
            if (waitFor(fd.get(), POLLIN, stop_, std::chrono::milliseconds(-1)) != Io::Ok) return;
            char buf[kPiece];
            const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (n <= 0) {
                if (!in.empty()) ++partialRequests_;
                return;
            }
            in.append(buf, static_cast<std::size_t>(n));
            tracker.feed(std::string_view(buf, static_cast<std::size_t>(n)));
        }

        const auto end = static_cast<std::size_t>(tracker.end());
        const auto head = static_cast<std::size_t>(tracker.headEnd());
        RecordedRequest request;
        request.method = tracker.head().method;
        request.target = tracker.head().target;
        request.version = tracker.head().version;
        request.headers = tracker.head().headers;
        request.connection = index;
        const std::string_view body = std::string_view(in).substr(head, end - head);
        if (tracker.body() == HttpTracker::Body::Chunked)
            request.body = dechunk(body).value_or(std::string(body));
        else
            request.body = body;
        in.erase(0, end);

        std::optional<Reply> queued;
        Handler handler;
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(request);
            if (!queue_.empty()) {
                queued = std::move(queue_.front());
                queue_.pop_front();
            } else {
                handler = handler_;
            }
        }
        changed_.notify_all();
        const Reply reply = queued    ? std::move(*queued)
                            : handler ? handler(request)
                                      : echo(request);
        if (!answer(fd.get(), request, reply)) {
            lingeringClose(fd);
            return;
        }
    }
}

bool HostileServer::answer(int fd, const RecordedRequest& request, const Reply& reply) {
    if (reply.delay_.count() > 0 && !sleepUnlessWoken(stop_, reply.delay_)) return false;
    const auto connection = request.header("Connection");
    const bool close = reply.close_ || (connection && containsIgnoreCase(*connection, "close"));
    auto headFor = [&](std::uint64_t length) {
        std::string h = "HTTP/1.1 " + std::to_string(reply.status_) + " " +
                        reasonPhrase(reply.status_) + "\r\nContent-Type: " + reply.contentType_ +
                        "\r\nContent-Length: " + std::to_string(length) + "\r\n";
        for (const auto& [k, v] : reply.headers_) h += k + ": " + v + "\r\n";
        if (close) h += "Connection: close\r\n";
        return h + "\r\n";
    };
    switch (reply.kind_) {
        case Reply::Kind::Close:
            return false;
        case Reply::Kind::Bytes:
            sendAll(fd, reply.bytes_, stop_);
            return false;
        case Reply::Kind::Formed:
            return sendAll(fd, headFor(reply.bytes_.size()) + reply.bytes_, stop_) == Io::Ok &&
                   !close;
        case Reply::Kind::Huge: {
            if (sendAll(fd, headFor(reply.hugeBytes_), stop_) != Io::Ok) return false;
            const bool json = containsIgnoreCase(reply.contentType_, "json");
            std::string piece(kPiece, 'x');
            if (json)
                for (std::size_t i = 0; i < piece.size(); ++i)
                    piece[i] = i % 2 ? '0' : ',';  // ",0,0…", so pieces join up
            for (std::uint64_t sent = 0; sent < reply.hugeBytes_;) {
                std::string_view chunk(piece);
                chunk = chunk.substr(0, static_cast<std::size_t>(std::min<std::uint64_t>(
                                            kPiece, reply.hugeBytes_ - sent)));
                std::string first;
                if (sent == 0 && json) {
                    first = "[" + std::string(chunk.substr(1));
                    chunk = first;
                }
                if (sendAll(fd, chunk, stop_) != Io::Ok) {
                    ++abortedStreams_;
                    return false;
                }
                sent += chunk.size();
                hugeBytesSent_ += chunk.size();
            }
            return !close;
        }
    }
    return false;
}

void HostileServer::lingeringClose(Fd& fd) {
    // Closing with unread input would send RST, which can destroy the reply still in flight to
    // the client: send FIN, then wait briefly for the client's own close.
    ::shutdown(fd.get(), SHUT_WR);
    const auto until = std::chrono::steady_clock::now() + kLingerTimeout;
    char buf[4096];
    for (;;) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0 || waitFor(fd.get(), POLLIN, stop_, left) != Io::Ok) break;
        const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
    }
    fd.close();
}

}  // namespace pavilion::testing
