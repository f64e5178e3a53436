#pragma once
// Events as a terminal would push them, and reading push and pull replies with the codec.
#include <QList>
#include <QString>

#include "core/event.h"
#include "httpclient.h"
#include "sync/protocol/pull.h"
#include "sync/protocol/push.h"

namespace pavilion::testing {

// A neutral event (a type the projection skips) with the given terminal sequence number.
Event noteEvent(const QString& terminal, qint64 seq, const QString& text = QStringLiteral("note"));
// Events seq first … first+count-1 of `terminal`.
QList<Event> noteEvents(const QString& terminal, qint64 first, int count);
// An IssueReported the projection turns into a row of `issues`.
Event issueReported(const QString& terminal, qint64 seq, const QString& code);

// The reply as the terminal reads it (decodePushReply / decodePullReply); the test fails and
// the result is empty when the server's reply is refused.
sync::PushReply readPushReply(const HttpReply& reply, const QList<Event>& sent);
sync::PullPage readPullReply(const HttpReply& reply, qint64 after, int limit);

}  // namespace pavilion::testing
