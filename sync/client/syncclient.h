#pragma once
// One sync round of a terminal (PROTOCOL.md §5, §6): push every unsent event in batches, then pull
// everyone's events after the cursor until the server has no more. Each server reply is checked as
// untrusted input and applied in one transaction; anything else leaves the store as it was, so a
// round can stop at any point (network, power) and the next one carries on.
#include <QByteArray>
#include <QString>

#include "core/clock.h"
#include "storage/database.h"
#include "storage/syncstate.h"
#include "sync/client/httptransport.h"

namespace pavilion::sync {

struct Credentials {
    QString deviceId;
    QByteArray secret;  // the 64 hex characters, the HMAC key as they are
};

// Reads the secret file `pavilion-central device add` wrote. False with a plain reason.
bool readDeviceSecret(const QString& path, QByteArray* secret, QString* error);

enum class RoundResult {
    Done,         // everything pushed, pulled to the end
    RetryLater,   // network, timeout, server trouble, a reply we refused: try again after a wait
    NeedsPerson,  // the server refuses this terminal (revoked, unknown, wrong secret…): retrying
                  // will not help until someone acts; the message says what
};

struct RoundReport {
    RoundResult result = RoundResult::Done;
    QString message;  // plain words, for the facilitator and the log
    int pushed = 0, duplicates = 0, refusedByServer = 0;
    int pulled = 0, applied = 0, refusedHere = 0;
    int retryAfterSeconds = 0;  // from a 503, when the server said
    qint64 pushMs = 0, pullMs = 0;  // where a round's time went (benchmarks, the log)
    bool networkFailure = false;  // no answer at all (offline, timeout, TLS), not a server error
};

class SyncClient {
public:
    SyncClient(Database& db, HttpTransport& transport, Credentials credentials,
               const Clock& clock = Clock::system());

    RoundReport runRound();

    void setBatchSize(int events) { batchSize_ = events; }
    void setPullLimit(int events) { pullLimit_ = events; }

private:
    enum class Step { Continue, Stop };
    Step push(RoundReport& report);
    Step pull(RoundReport& report);
    HttpOutcome signedRequest(const QByteArray& method, const QByteArray& pathAndQuery,
                              const QByteArray& body);
    // Turns a reply that is not a usable 200 into the round's result; true when the caller should
    // simply repeat the request (the clock offset was corrected).
    bool explainFailure(const HttpOutcome& outcome, const char* what, RoundReport& report);

    Database& db_;
    HttpTransport& transport_;
    Credentials credentials_;
    const Clock& clock_;
    SyncState state_;
    int batchSize_ = 500;
    int pullLimit_ = 500;
    bool clockCorrected_ = false;
};

}  // namespace pavilion::sync
