#pragma once
// Exit codes of pavilion-central: scripts and tests rely on them. The same numbers as pavilionctl
// where the meaning is shared.

namespace pavilion::central {

enum Exit : int {
    Ok = 0,
    Failed = 1,         // anything else: the port is taken, a file could not be written, …
    Usage = 2,          // the command line is wrong, or asks for plain HTTP on a public address
    NotFound = 3,       // no device with that id
    Refused = 4,        // refused by a rule: the device id is taken, the secret file exists
    StoreOrConfig = 5,  // the database or a TLS file could not be used
};

}  // namespace pavilion::central
