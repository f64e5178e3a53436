#include "httpparse.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pavilion::testing {

namespace {

constexpr std::size_t kMaxHead = 64 * 1024;
constexpr std::size_t kMaxLine = 4 * 1024;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Splits the head into its first line and header fields; false when a field has no colon.
bool splitHead(std::string_view head, std::string_view* first, HttpHead* out) {
    bool isFirst = true;
    while (!head.empty()) {
        const std::size_t eol = head.find("\r\n");
        const std::string_view line = head.substr(0, eol);
        head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 2);
        if (isFirst) {
            *first = line;
            isFirst = false;
            continue;
        }
        if (line.empty()) break;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        out->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                  std::string(trim(line.substr(colon + 1))));
    }
    return !isFirst;
}

std::optional<std::uint64_t> parseDecimal(std::string_view s) {
    std::uint64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

std::optional<std::uint64_t> parseChunkSize(std::string_view line) {
    line = trim(line.substr(0, line.find(';')));
    std::uint64_t v = 0;
    const auto [p, ec] = std::from_chars(line.data(), line.data() + line.size(), v, 16);
    if (ec != std::errc() || p != line.data() + line.size() || line.empty()) return std::nullopt;
    return v;
}

}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool containsIgnoreCase(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i)
        if (equalsIgnoreCase(haystack.substr(i, needle.size()), needle)) return true;
    return false;
}

std::optional<std::string> HttpHead::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (equalsIgnoreCase(k, name)) return v;
    return std::nullopt;
}

std::optional<HttpHead> parseRequestHead(std::string_view head) {
    HttpHead h;
    std::string_view first;
    if (!splitHead(head, &first, &h)) return std::nullopt;
    const std::size_t s1 = first.find(' ');
    const std::size_t s2 = first.rfind(' ');
    if (s1 == std::string_view::npos || s2 == s1) return std::nullopt;
    h.method = first.substr(0, s1);
    h.target = first.substr(s1 + 1, s2 - s1 - 1);
    h.version = first.substr(s2 + 1);
    if (h.method.empty() || h.target.empty() || h.version.rfind("HTTP/", 0) != 0)
        return std::nullopt;
    return h;
}

std::optional<HttpHead> parseResponseHead(std::string_view head) {
    HttpHead h;
    std::string_view first;
    if (!splitHead(head, &first, &h)) return std::nullopt;
    const std::size_t s1 = first.find(' ');
    if (s1 == std::string_view::npos) return std::nullopt;
    h.version = first.substr(0, s1);
    const std::string_view rest = first.substr(s1 + 1);
    const auto status = parseDecimal(rest.substr(0, 3));
    if (h.version.rfind("HTTP/", 0) != 0 || !status || *status < 100 || *status > 999)
        return std::nullopt;
    h.status = static_cast<int>(*status);
    if (rest.size() > 4) h.reason = rest.substr(4);
    return h;
}

void HttpTracker::feed(std::string_view bytes) {
    while (!bytes.empty() && !malformed_ && state_ != State::Done) {
        std::size_t used = 0;
        switch (state_) {
            case State::Head:
                used = feedHead(bytes);
                break;
            case State::LengthBody:
                used = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size()));
                remaining_ -= used;
                if (remaining_ == 0) setComplete(seen_ + used);
                break;
            case State::UntilClose:
                used = bytes.size();
                break;
            default:
                used = feedChunked(bytes);
                break;
        }
        seen_ += used;
        bytes.remove_prefix(used);
    }
    seen_ += bytes.size();  // after the message, or not HTTP at all
}

void HttpTracker::finish() {
    if (state_ == State::UntilClose && !malformed_) setComplete(seen_);
}

std::size_t HttpTracker::feedHead(std::string_view bytes) {
    const std::size_t old = buf_.size();
    const std::size_t from = old >= 3 ? old - 3 : 0;
    buf_.append(bytes);
    // Fail early on what is plainly not HTTP (TLS, garbage) rather than after 64 KiB.
    const std::string_view prefix = kind_ == Kind::Request ? std::string_view{} : "HTTP/";
    const std::string_view got = std::string_view(buf_).substr(0, prefix.size());
    if (kind_ == Kind::Request ? !std::isupper(static_cast<unsigned char>(buf_[0]))
                               : got != prefix.substr(0, got.size())) {
        malformed_ = true;
        return bytes.size();
    }
    const std::size_t pos = buf_.find("\r\n\r\n", from);
    if (pos == std::string::npos) {
        if (buf_.size() > kMaxHead) malformed_ = true;
        return bytes.size();
    }
    const std::size_t headLen = pos + 4;
    const std::size_t used = headLen - old;
    buf_.resize(headLen);
    const std::uint64_t headEnd = seen_ + used;
    const auto head = kind_ == Kind::Request ? parseRequestHead(buf_) : parseResponseHead(buf_);
    buf_.clear();
    if (!head) {
        malformed_ = true;
        return used;
    }
    if (kind_ == Kind::Response && head->status < 200 && head->status != 101) {
        interimEnd_ = headEnd;  // 100 Continue and friends: the final response follows
        return used;
    }
    head_ = *head;
    headEnd_ = headEnd;
    headDone();
    return used;
}

void HttpTracker::headDone() {
    const auto te = head_.header("Transfer-Encoding");
    const auto cl = head_.header("Content-Length");
    const bool noBody =
        kind_ == Kind::Response && (responseToHead_ || head_.status == 204 || head_.status == 304);
    if (noBody) {
        body_ = Body::None;
    } else if (te && containsIgnoreCase(*te, "chunked")) {
        body_ = Body::Chunked;
    } else if (cl) {
        const auto n = parseDecimal(*cl);
        if (!n) {
            malformed_ = true;
            return;
        }
        body_ = Body::Length;
        contentLength_ = *n;
    } else {
        body_ = kind_ == Kind::Request ? Body::None : Body::UntilClose;
    }
    switch (body_) {
        case Body::None:
            setComplete(headEnd_);
            break;
        case Body::Length:
            if (contentLength_ == 0) {
                setComplete(headEnd_);
            } else {
                remaining_ = contentLength_;
                state_ = State::LengthBody;
            }
            break;
        case Body::Chunked:
            state_ = State::ChunkSize;
            break;
        case Body::UntilClose:
            state_ = State::UntilClose;
            break;
    }
}

std::size_t HttpTracker::feedChunked(std::string_view bytes) {
    if (state_ == State::ChunkData || state_ == State::ChunkDataEnd) {
        const auto used =
            static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size()));
        remaining_ -= used;
        if (remaining_ == 0) {
            if (state_ == State::ChunkData) {
                state_ = State::ChunkDataEnd;
                remaining_ = 2;  // the CRLF after the data
            } else {
                state_ = State::ChunkSize;
            }
        }
        return used;
    }
    // A size line or a trailer line.
    const std::size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
        buf_.append(bytes);
        if (buf_.size() > kMaxLine) malformed_ = true;
        return bytes.size();
    }
    const std::size_t used = nl + 1;
    buf_.append(bytes.substr(0, nl));
    const std::string line = std::move(buf_);
    buf_.clear();
    if (state_ == State::Trailer) {
        if (trim(line).empty()) setComplete(seen_ + used);
        return used;
    }
    const auto size = parseChunkSize(line);
    if (!size) {
        malformed_ = true;
        return used;
    }
    if (!firstChunkStart_) {
        firstChunkStart_ = seen_ + used;
        firstChunkSize_ = *size;
    }
    if (*size == 0) {
        state_ = State::Trailer;
    } else {
        remaining_ = *size;
        state_ = State::ChunkData;
    }
    return used;
}

void HttpTracker::setComplete(std::uint64_t end) {
    complete_ = true;
    end_ = end;
    state_ = State::Done;
}

std::optional<std::string> dechunk(std::string_view body) {
    std::string out;
    for (;;) {
        const std::size_t eol = body.find("\r\n");
        if (eol == std::string_view::npos) return std::nullopt;
        const auto size = parseChunkSize(body.substr(0, eol));
        if (!size) return std::nullopt;
        body.remove_prefix(eol + 2);
        if (*size == 0) return out;
        if (body.size() < *size + 2) return std::nullopt;
        out.append(body.substr(0, *size));
        body.remove_prefix(*size + 2);
    }
}

}  // namespace pavilion::testing
