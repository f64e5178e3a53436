#include "sync/client/backoff.h"

#include <QtGlobal>
#include <algorithm>

namespace pavilion::sync {

Backoff::Backoff(Millis base, Millis cap, Uniform uniform)
    : base_(base), cap_(cap), uniform_(std::move(uniform)) {
    if (!uniform_) {
        uniform_ = [engine = std::mt19937_64(std::random_device{}())](qint64 max) mutable {
            return std::uniform_int_distribution<qint64>(0, max)(engine);
        };
    }
}

Backoff::Millis Backoff::ceiling() const {
    // 2^failures overflows long before the cap matters; stop doubling once past it.
    qint64 c = base_.count();
    for (int i = 0; i < failures_ && c < cap_.count(); ++i) c *= 2;
    return Millis(std::min(c, qint64(cap_.count())));
}

Backoff::Millis Backoff::nextDelay() {
    const Millis top = ceiling();
    ++failures_;
    return Millis(std::clamp<qint64>(uniform_(top.count()), 0, top.count()));
}

}  // namespace pavilion::sync
