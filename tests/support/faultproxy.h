#pragma once
// FaultProxy: an in-process TCP proxy on 127.0.0.1 that forwards each accepted connection to a
// target and injects one fault per connection (reset, stall, trickle, truncate…), so that sync
// tests can prove "no event lost, none twice" whatever the network does.
//
// Choosing the fault: each new connection takes the next mode from the queue (pushModes); when the
// queue is empty, the chooser (setModeChooser) if set, else the default mode (setMode, Pass at
// first). The connection index passed to the chooser counts connections that got a mode (0-based;
// connections refused while offline do not count). A connection keeps its mode for its lifetime.
//
// Keep-alive: Pass and Trickle apply to every byte of the connection, so every request on a
// kept-alive connection goes through. The HTTP-aware modes act on the FIRST request/response
// exchange only and then end the connection, so no later request on that connection ever reaches
// the server: ResetMidRequest and ResetAfterServerReply reset it, TruncateReply closes it; bytes a
// client sends after its first request (pipelining) are held back and dropped.
//
// TLS: the proxy is byte-level. Pass, ResetBeforeRequest, StallForever, Trickle, setOnline and
// TruncateReply / ResetMidRequest with an explicit byte count work in front of TLS; the default
// cut points of ResetMidRequest, ResetAfterServerReply and TruncateReply need plaintext HTTP/1.1.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "socketutil.h"

namespace pavilion::testing {

class FaultProxy {
public:
    enum class Mode {
        // Forward both ways until both sides have closed; a reset on one side resets the other.
        Pass,
        // Reset the client (RST) at once: no upstream connection, not a byte forwarded.
        ResetBeforeRequest,
        // Forward only the first N bytes of the first request, then reset both sides: the server
        // never receives a complete request. N = setRequestCut(), else: the head plus half the
        // body (Content-Length), the head plus half of the first chunk (chunked), or half of the
        // head (no body). N is capped so the request's last byte is never forwarded.
        ResetMidRequest,
        // Forward the whole first request and any 1xx interim response (100 Continue), wait
        // until the server's final response has fully arrived (Content-Length, chunked, or the
        // server closing), then reset the client without forwarding a byte of it. The server
        // connection is closed normally. Models "the server committed, the reply was lost".
        ResetAfterServerReply,
        // Read and discard what the client sends, never answer, never close, until the proxy
        // is destroyed or goes offline, or the client gives up. No upstream connection.
        StallForever,
        // Forward the request side normally and the reply side `bytesPerStep` bytes at a time,
        // one step per `interval` (setTrickle; default 1 byte per second; the first step is not
        // delayed). Every reply on the connection is trickled.
        Trickle,
        // Forward the first request and only the first N bytes of the reply stream, then close
        // both sides cleanly (FIN). N = setReplyCut() counted from the first reply byte
        // (interim responses included), else: the final head plus half the body
        // (Content-Length), the head plus half of the first chunk (chunked), the head plus half
        // of what came before the server closed (close-delimited), or half of the head (no
        // body). N is capped so the reply's last byte is never forwarded.
        TruncateReply,
    };
    static constexpr int kModeCount = 7;
    static const char* modeName(Mode m);

    // Starts listening at once; throws std::runtime_error when it cannot.
    FaultProxy(std::string targetHost, std::uint16_t targetPort);
    // Returns promptly whatever the connections are doing: every connection is reset.
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "/") const;  // http://127.0.0.1:<port><path>

    // Fault selection (thread-safe; affects connections accepted afterwards). The chooser runs
    // on the accept thread and must not block.
    void setMode(Mode m);
    void pushModes(std::initializer_list<Mode> modes);
    void pushModes(const std::vector<Mode>& modes);
    void setModeChooser(std::function<Mode(int connectionIndex)> chooser);  // empty: unset
    void clearModes();                                                      // empties the queue

    // Fault parameters (thread-safe; read when a connection starts).
    void setRequestCut(std::optional<std::uint64_t> bytes);
    void setReplyCut(std::optional<std::uint64_t> bytes);
    void setTrickle(std::chrono::milliseconds interval, std::size_t bytesPerStep = 1);

    // Offline: every open connection is reset, and new ones are accepted and reset at once
    // (the client sees a connection reset, the server sees nothing). Online again: normal.
    void setOnline(bool online);
    bool online() const { return online_; }

    // Counters. accepted() counts every accepted connection, refused ones included. A
    // connection's byte counts are final once it has finished (waitForFinished): a client may
    // see the bytes an instant before they are counted.
    int accepted() const { return accepted_; }
    int refusedOffline() const { return refusedOffline_; }
    int finished() const { return finished_; }  // connections whose handling has ended
    int active() const { return accepted_ - finished_; }
    int count(Mode m) const { return modeCounts_[static_cast<int>(m)]; }
    int upstreamFailures() const { return upstreamFailures_; }  // could not connect to target
    std::uint64_t bytesToServer() const { return bytesToServer_; }
    std::uint64_t bytesToClient() const { return bytesToClient_; }

    // Wait until at least n connections were accepted / have finished; false on timeout.
    bool waitForAccepted(int n, std::chrono::milliseconds timeout) const;
    bool waitForFinished(int n, std::chrono::milliseconds timeout) const;

private:
    struct Connection;
    struct Settings {
        Mode mode = Mode::Pass;
        std::optional<std::uint64_t> requestCut;
        std::optional<std::uint64_t> replyCut;
        std::chrono::milliseconds trickleInterval{1000};
        std::size_t trickleBytes = 1;
    };
    void acceptLoop();
    void startConnection(Fd client);
    void reapFinished();
    void serve(Connection& c, Fd client, const Settings& s);
    void pump(Connection& c, Fd& client, Fd& server, const Settings& s);
    void connectionEnded(Connection& c);
    void notify();

    const std::string targetHost_;
    const std::uint16_t targetPort_;
    std::uint16_t port_ = 0;
    Fd listener_;
    Waker stop_;

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    Settings defaults_;
    std::deque<Mode> queue_;
    std::function<Mode(int)> chooser_;
    int nextIndex_ = 0;
    std::list<std::unique_ptr<Connection>> connections_;

    std::atomic<bool> online_{true};
    std::atomic<int> accepted_{0};
    std::atomic<int> refusedOffline_{0};
    std::atomic<int> finished_{0};
    std::atomic<int> upstreamFailures_{0};
    std::atomic<int> modeCounts_[kModeCount] = {};
    std::atomic<std::uint64_t> bytesToServer_{0};
    std::atomic<std::uint64_t> bytesToClient_{0};

    std::thread acceptThread_;  // last: started once everything above exists
};

}  // namespace pavilion::testing
