#pragma once
// Device authentication of one request, PROTOCOL.md §3.4 steps 2 to 7, in that order: headers,
// known device, fresh timestamp, signature, not revoked, nonce not seen before.
#include <QByteArray>
#include <QString>

#include "sync/protocol/errors.h"
#include "sync/server/centralstore.h"

namespace pavilion::central {

// The four X-Pavilion-* header values as received; a null QByteArray means the header is absent.
struct AuthHeaders {
    QByteArray device;
    QByteArray timestamp;
    QByteArray nonce;
    QByteArray signature;
};

// The signed parts of the request: the method and request-target exactly as on the request line,
// and the body bytes exactly as received.
struct SignedRequest {
    QByteArray method;
    QByteArray target;
    QByteArray body;
};

// True when the request comes from an enrolled, unrevoked device that signed it now and has not
// sent this nonce before; `device` is then set. Otherwise `error` holds the refusal to send. The
// nonce is remembered only once the signature has verified.
bool authenticate(CentralStore& store, const AuthHeaders& headers, const SignedRequest& request,
                  qint64 nowUnixSeconds, QString* device, sync::ProtocolError* error);

}  // namespace pavilion::central
