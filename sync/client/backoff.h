#pragma once
// When to try again after a failed sync round: capped exponential back-off with full jitter
// (a uniformly random wait between 0 and min(cap, base * 2^failures)), so forty terminals that lost
// the network together do not all knock on the server in the same second when it returns.
#include <QtGlobal>
#include <chrono>
#include <functional>
#include <random>

namespace pavilion::sync {

class Backoff {
public:
    using Millis = std::chrono::milliseconds;
    // `uniform(max)` returns a whole number in [0, max]; tests pass a fixed one.
    using Uniform = std::function<qint64(qint64 max)>;

    Backoff(Millis base, Millis cap, Uniform uniform = {});

    // Counts one more failure and returns how long to wait before the next attempt.
    Millis nextDelay();
    // The largest wait the next failure could draw (for "next try within …" in the status).
    Millis ceiling() const;
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }

private:
    Millis base_, cap_;
    Uniform uniform_;
    int failures_ = 0;
};

}  // namespace pavilion::sync
