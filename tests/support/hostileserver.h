#pragma once
// HostileServer: a raw HTTP/1.1 listener on 127.0.0.1 that records every request and answers
// each one as the test says: well-formed JSON, a proxy's HTML error page, garbage, a body far too
// large, a late answer, or no answer. Used as the upstream behind FaultProxy and as the "server"
// for sync-client tests that need replies pavilion-central would never send.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "socketutil.h"

namespace pavilion::testing {

struct RecordedRequest {
    std::string method;
    std::string target;  // as sent: path and query
    std::string version;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;    // de-chunked when it came chunked
    int connection = 0;  // index of the connection it came on (0-based, in accept order)

    std::optional<std::string> header(std::string_view name) const;  // case-insensitive
};

class HostileServer {
public:
    // What to do with one request.
    class Reply {
    public:
        // Exactly these bytes; the connection is then closed.
        static Reply raw(std::string bytes);
        // n pseudo-random bytes that are not HTTP (never start with "HTTP/"); then closed.
        static Reply garbage(std::size_t n, unsigned seed = 1);
        // A head with Content-Length: totalBytes, then a body streamed in 64 KiB pieces without
        // ever being held in memory ("[0,0,0,…" for a JSON type, "xxx…" otherwise). Stops
        // quietly when the client goes away.
        static Reply huge(int status, std::string contentType, std::uint64_t totalBytes);
        // A complete response with Content-Length; the connection stays open (keep-alive)
        // unless closeAfter() or the request asked for Connection: close.
        static Reply json(int status, std::string body);
        static Reply withContentType(int status, std::string contentType, std::string body);
        // Close the connection without a byte of reply.
        static Reply closeWithoutReply();

        // Modified copies, chainable: Reply::json(200, "{}").delayed(500ms).
        Reply delayed(std::chrono::milliseconds d) const;  // wait before answering
        Reply closeAfter(bool close = true) const;
        Reply withHeader(std::string name, std::string value) const;  // json / withContentType

    private:
        friend class HostileServer;
        enum class Kind { Bytes, Formed, Huge, Close };
        Kind kind_ = Kind::Close;
        std::string bytes_;  // Bytes: everything; Formed: the body
        int status_ = 200;
        std::string contentType_;
        std::vector<std::pair<std::string, std::string>> headers_;
        std::uint64_t hugeBytes_ = 0;
        std::chrono::milliseconds delay_{0};
        bool close_ = true;
    };
    using Handler = std::function<Reply(const RecordedRequest&)>;

    // The default handler: 200 with the request's body and Content-Type (else
    // application/octet-stream) echoed back.
    static Reply echo(const RecordedRequest& request);
    static std::string reasonPhrase(int status);

    HostileServer();  // listens at once; throws std::runtime_error when it cannot
    // Returns promptly whatever the connections are doing (delays and huge bodies included).
    ~HostileServer();
    HostileServer(const HostileServer&) = delete;
    HostileServer& operator=(const HostileServer&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "/") const;  // http://127.0.0.1:<port><path>

    // Replies are taken from the queue, one per request, in arrival order; when the queue is
    // empty the handler answers (it runs on the connection's thread, without locks held).
    void pushReply(Reply r);
    void setHandler(Handler h);  // empty: back to echo
    // Answer "Expect: 100-continue" with an interim 100 (on by default, as real servers do).
    void setSendContinue(bool send);

    // Complete requests, in the order they were complete.
    std::vector<RecordedRequest> requests() const;
    int requestCount() const;
    bool waitForRequests(int n, std::chrono::milliseconds timeout) const;

    int accepted() const { return accepted_; }
    int finished() const { return finished_; }  // connections whose thread has ended
    bool waitForFinished(int n, std::chrono::milliseconds timeout) const;
    // Connections that ended with part of a request received (head or body incomplete).
    int partialRequests() const { return partialRequests_; }
    // Connections whose first bytes were not an HTTP request.
    int malformedRequests() const { return malformedRequests_; }
    // huge(): body bytes handed to the kernel, and streams cut short by the client leaving.
    // Final once the connection has finished (waitForFinished).
    std::uint64_t hugeBytesSent() const { return hugeBytesSent_; }
    int abortedStreams() const { return abortedStreams_; }

private:
    struct Worker {
        std::thread thread;
        std::atomic<bool> done{false};
    };
    void acceptLoop();
    void reapFinished();
    void serve(Fd fd, int index);
    // false: the connection is over.
    bool answer(int fd, const RecordedRequest& request, const Reply& reply);
    void lingeringClose(Fd& fd);
    void notify();

    std::uint16_t port_ = 0;
    Fd listener_;
    Waker stop_;

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::deque<Reply> queue_;
    Handler handler_;
    bool sendContinue_ = true;
    std::vector<RecordedRequest> requests_;
    std::list<std::unique_ptr<Worker>> workers_;

    std::atomic<int> accepted_{0};
    std::atomic<int> finished_{0};
    std::atomic<int> partialRequests_{0};
    std::atomic<int> malformedRequests_{0};
    std::atomic<std::uint64_t> hugeBytesSent_{0};
    std::atomic<int> abortedStreams_{0};

    std::thread acceptThread_;  // last: started once everything above exists
};

}  // namespace pavilion::testing
