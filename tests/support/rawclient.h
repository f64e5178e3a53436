#pragma once
// A plain blocking TCP client for tests that need exact bytes on the wire (no libcurl framing).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "socketutil.h"

namespace pavilion::testing {

class RawClient {
public:
    explicit RawClient(std::uint16_t port);  // connects to 127.0.0.1:port; throws on failure

    bool send(std::string_view bytes);
    // Reads until the peer closes or `timeout` passes. `reset` tells ECONNRESET from FIN.
    struct Received {
        std::string bytes;
        bool closed = false;  // FIN or RST seen
        bool reset = false;   // RST seen
    };
    Received readUntilClosed(std::chrono::milliseconds timeout);

private:
    Waker never_;  // never fired: the socket helpers want one (declared first: used by fd_'s init)
    Fd fd_;
};

}  // namespace pavilion::testing
