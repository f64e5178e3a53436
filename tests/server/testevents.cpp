#include "testevents.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QJsonObject>

#include "sync/protocol/protocol.h"

namespace pavilion::testing {

Event noteEvent(const QString& terminal, qint64 seq, const QString& text) {
    Event e = makeEvent(QStringLiteral("TestNoted"), terminal, QDateTime::currentDateTimeUtc(),
                        QJsonObject{{QStringLiteral("text"), text}, {QStringLiteral("n"), seq}});
    e.terminalSeq = seq;
    return e;
}

QList<Event> noteEvents(const QString& terminal, qint64 first, int count) {
    QList<Event> out;
    for (int i = 0; i < count; ++i) out << noteEvent(terminal, first + i);
    return out;
}

Event issueReported(const QString& terminal, qint64 seq, const QString& code) {
    const QJsonObject location{{QStringLiteral("compound"), QStringLiteral("书香雅苑")},
                               {QStringLiteral("building"), QStringLiteral("3号楼")}};
    Event e =
        makeEvent(QLatin1String(events::kIssueReported), terminal, QDateTime::currentDateTimeUtc(),
                  QJsonObject{{QStringLiteral("issueId"), newUuid()},
                              {QStringLiteral("code"), code},
                              {QStringLiteral("category"), QStringLiteral("roof-leak")},
                              {QStringLiteral("location"), location},
                              {QStringLiteral("text"), QStringLiteral("屋顶漏水")}});
    e.terminalSeq = seq;
    return e;
}

sync::PushReply readPushReply(const HttpReply& reply, const QList<Event>& sent) {
    sync::PushReply out;
    EXPECT_EQ(reply.status, 200) << reply;
    EXPECT_TRUE(sync::isJsonContentType(reply.header("content-type")));
    QString error;
    EXPECT_TRUE(sync::decodePushReply(reply.body, sent, &out, &error)) << error.toStdString();
    return out;
}

sync::PullPage readPullReply(const HttpReply& reply, qint64 after, int limit) {
    sync::PullPage out;
    EXPECT_EQ(reply.status, 200) << reply;
    EXPECT_TRUE(sync::isJsonContentType(reply.header("content-type")));
    QString error;
    EXPECT_TRUE(sync::decodePullReply(reply.body, after, limit, &out, &error))
        << error.toStdString();
    return out;
}

}  // namespace pavilion::testing
