#pragma once
// POST /v1/events:push (PROTOCOL.md "Push"): the terminal sends its unsent events, the server says
// for each one whether it stored it now, already had it, or found a different event with its id.
#include <QByteArray>
#include <QList>
#include <QString>

#include "core/event.h"
#include "sync/protocol/errors.h"

namespace pavilion::sync {

enum class PushStatus {
    Stored,     // new to the server, now in the global order at serverSeq
    Duplicate,  // the server already had exactly this event, at serverSeq (the same as before)
};
QByteArray pushStatusName(PushStatus s);

struct PushResult {
    QString id;
    PushStatus status = PushStatus::Stored;
    qint64 serverSeq = 0;
};

// An event the server refused because it already holds a different event with the same id (or the
// same terminal and seq). The server keeps the refused copy for inspection and never overwrites.
struct Conflict {
    QString id;
    QString reason;  // plain words, for the facilitator
};

struct PushReply {
    QList<PushResult> results;
    QList<Conflict> conflicts;
};

// Terminal side.
QByteArray encodePushRequest(const QList<Event>& events);
// Reads the server's 200 reply as untrusted input. Every event in `sent` must appear exactly once,
// in `results` or in `conflicts`, and nothing else may; serverSeqs must be distinct positive whole
// numbers. False with a plain message naming the problem; `out` is untouched then.
bool decodePushReply(const QByteArray& body, const QList<Event>& sent, PushReply* out,
                     QString* error);

// Server side. `deviceId` is the authenticated X-Pavilion-Device. Refuses (with the code to answer
// with): a body over kMaxPushBodyBytes or more than kMaxPushEvents events (TooLarge), anything that
// is not {"events":[…]} of well-formed events or that repeats an id (BadRequest), an event whose
// terminal is not the device (Forbidden). `out` is untouched on failure.
bool decodePushRequest(const QByteArray& body, const QString& deviceId, QList<Event>* out,
                       ProtocolError* error);
QByteArray encodePushReply(const PushReply& reply);

}  // namespace pavilion::sync
