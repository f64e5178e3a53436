#pragma once
// GET /v1/events?after=N&limit=M (PROTOCOL.md "Pull"): events in the server's global order, after
// the terminal's cursor, one page at a time.
#include <QByteArray>
#include <QList>

#include "core/event.h"
#include "sync/protocol/errors.h"
#include "sync/protocol/protocol.h"

namespace pavilion::sync {

struct PullQuery {
    qint64 after = 0;
    int limit = kDefaultPullLimit;
};

struct PullPage {
    QList<Event> events;
    QList<qint64> serverSeqs;  // serverSeqs[i] belongs to events[i]
    qint64 next = 0;           // the cursor to store: last serverSeq, or `after` when empty
    bool more = false;         // the server has events after `next`
};

// Terminal side: the exact path-with-query to request and to sign, "/v1/events?after=N&limit=M".
QByteArray pullPathAndQuery(qint64 after, int limit);
// Reads the server's 200 reply as untrusted input, checking it against the request that was made:
// at most `limit` events, serverSeqs strictly increasing and all greater than `after`, no id twice,
// every event well-formed, `next` equal to the last serverSeq (or `after` when there are none), and
// no "more" on an empty page. False with a plain message; `out` is untouched then.
bool decodePullReply(const QByteArray& body, qint64 after, int limit, PullPage* out,
                     QString* error);

// Server side: the query string without '?' (e.g. "after=10&limit=200"). Both parameters are
// optional (after 0, limit kDefaultPullLimit), each at most once, decimal digits; limit within
// kMinPullLimit..kMaxPullLimit; any other parameter is refused (a misspelt "after" would otherwise
// silently restart the terminal from 0).
bool decodePullQuery(const QByteArray& query, PullQuery* out, ProtocolError* error);
// Requires page.serverSeqs.size() == page.events.size().
QByteArray encodePullReply(const PullPage& page);

}  // namespace pavilion::sync
