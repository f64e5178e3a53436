#pragma once
// The whole codec of sync protocol v1 in one include: error replies, push and pull messages.
#include "sync/protocol/errors.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/pull.h"
#include "sync/protocol/push.h"
