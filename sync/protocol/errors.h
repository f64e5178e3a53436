#pragma once
// Error replies (PROTOCOL.md "Errors"):
//   {"error":{"code":"bad-request","message":"plain words"}}
// with the HTTP status that belongs to the code.
#include <QByteArray>
#include <QString>

namespace pavilion::sync {

enum class ErrorCode {
    BadRequest,    // 400 malformed JSON, wrong shape, bad query or headers
    Unauthorized,  // 401 missing/malformed auth headers, unknown device, wrong signature
    Stale,         // 401 timestamp more than kMaxClockSkewSeconds from the server's clock
    Replay,        // 401 nonce already seen from this device within the window
    Forbidden,     // 403 revoked device, or an event from another terminal
    NotFound,      // 404 no such endpoint (path or method)
    Conflict,      // 409 the request as a whole conflicts with what is stored
    TooLarge,      // 413 body over the limit, or more events than allowed in one push
    ServerError,   // 500 (or 503 with the same code when the server is temporarily unavailable)
};

// "bad-request", "unauthorized", … as on the wire.
QByteArray errorCodeName(ErrorCode code);
// Finds the code for a wire name; false for names this build does not know.
bool errorCodeFromName(const QString& name, ErrorCode* out);
int httpStatus(ErrorCode code);

// What a decoder found wrong with a request, ready to be sent back.
struct ProtocolError {
    ErrorCode code = ErrorCode::BadRequest;
    QString message;
};

QByteArray encodeError(ErrorCode code, const QString& message);
inline QByteArray encodeError(const ProtocolError& e) {
    return encodeError(e.code, e.message);
}

// An error reply as the terminal reads it. The code is kept as text so a code added by a newer
// server is still shown; the message is cut to 500 characters for display.
struct ErrorReply {
    QString code;
    QString message;
};
// False (and says why) when the body is not an error reply of the documented shape.
bool decodeError(const QByteArray& body, ErrorReply* out, QString* error);

}  // namespace pavilion::sync
