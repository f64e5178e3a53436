#pragma once
// Just enough HTTP/1.1 framing for fault injection: where the head ends, where the body ends
// (Content-Length, chunked, or at close), and the leading 1xx interim responses. Fed a byte stream
// incrementally, with constant memory beyond the head, so that multi-megabyte bodies cost nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pavilion::testing {

struct HttpHead {
    // Request line.
    std::string method;
    std::string target;
    // Status line.
    int status = 0;
    std::string reason;
    std::string version;
    std::vector<std::pair<std::string, std::string>> headers;

    // First header of that name (case-insensitive), without surrounding blanks.
    std::optional<std::string> header(std::string_view name) const;
};

// Parses a head up to (and optionally including) the blank line; nullopt when it is not HTTP.
std::optional<HttpHead> parseRequestHead(std::string_view head);
std::optional<HttpHead> parseResponseHead(std::string_view head);

bool equalsIgnoreCase(std::string_view a, std::string_view b);
bool containsIgnoreCase(std::string_view haystack, std::string_view needle);

// Follows the FIRST message of a stream (the first request, or the first final response after
// any 1xx interim responses). Offsets are counted from the start of the stream.
class HttpTracker {
public:
    enum class Kind { Request, Response };
    enum class Body { None, Length, Chunked, UntilClose };

    explicit HttpTracker(Kind kind) : kind_(kind) {}
    // Responses to HEAD have no body whatever their head says.
    void setResponseToHead(bool head) { responseToHead_ = head; }

    void feed(std::string_view bytes);
    void finish();  // the stream ended (a close-delimited body is then complete)

    bool malformed() const { return malformed_; }
    std::uint64_t seen() const { return seen_; }
    // Bytes of leading complete 1xx responses (always 0 for requests).
    std::uint64_t interimEnd() const { return interimEnd_; }
    bool headComplete() const { return headEnd_ > 0; }
    std::uint64_t headEnd() const { return headEnd_; }  // just after the blank line
    const HttpHead& head() const { return head_; }
    Body body() const { return body_; }
    std::uint64_t contentLength() const { return contentLength_; }
    // For a chunked body, once its first size line has been read.
    std::optional<std::uint64_t> firstChunkDataStart() const { return firstChunkStart_; }
    std::uint64_t firstChunkSize() const { return firstChunkSize_; }
    bool complete() const { return complete_; }
    std::uint64_t end() const { return end_; }  // valid when complete()

private:
    enum class State {
        Head,
        LengthBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        UntilClose,
        Done
    };
    std::size_t feedHead(std::string_view bytes);
    std::size_t feedChunked(std::string_view bytes);
    void headDone();
    void setComplete(std::uint64_t end);

    Kind kind_;
    bool responseToHead_ = false;
    State state_ = State::Head;
    bool malformed_ = false;
    std::uint64_t seen_ = 0;
    std::uint64_t interimEnd_ = 0;
    std::uint64_t headEnd_ = 0;
    std::string buf_;  // the head so far, or the current chunk-size / trailer line
    HttpHead head_;
    Body body_ = Body::None;
    std::uint64_t contentLength_ = 0;
    std::uint64_t remaining_ = 0;
    std::optional<std::uint64_t> firstChunkStart_;
    std::uint64_t firstChunkSize_ = 0;
    bool complete_ = false;
    std::uint64_t end_ = 0;
};

// Decodes a complete chunked body (no trailers kept); nullopt when malformed.
std::optional<std::string> dechunk(std::string_view body);

}  // namespace pavilion::testing
