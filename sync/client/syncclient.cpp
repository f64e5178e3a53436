#include "sync/client/syncclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimeZone>

#include "sync/protocol/messages.h"
#include "sync/protocol/signing.h"

Q_LOGGING_CATEGORY(lcSync, "pavilion.sync")

namespace pavilion::sync {

namespace {

// A hostile or broken server could otherwise keep a round going for ever with "more": true.
constexpr int kMaxPagesPerRound = 100'000;

QString statusLine(const HttpReply& r) { return QStringLiteral("HTTP %1").arg(r.status); }

// The HTTP Date header, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate); English names
// whatever the terminal's locale.
QDateTime parseHttpDate(const QByteArray& value) {
    QDateTime t = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                          QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    t.setTimeZone(QTimeZone::utc());
    return t;
}

}  // namespace

bool readDeviceSecret(const QString& path, QByteArray* secret, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("this terminal is not enrolled: cannot read the device secret file %1 (%2)")
                     .arg(path, f.errorString());
        return false;
    }
    const QByteArray s = f.read(1024).trimmed();
    if (!isWellFormedDeviceSecret(s)) {
        *error = QStringLiteral("the device secret file %1 does not hold a secret from pavilion-central device add "
                                "(64 lowercase hex characters)")
                     .arg(path);
        return false;
    }
    *secret = s;
    return true;
}

SyncClient::SyncClient(Database& db, HttpTransport& transport, Credentials credentials,
                       const Clock& clock)
    : db_(db),
      transport_(transport),
      credentials_(std::move(credentials)),
      clock_(clock),
      state_(db, credentials_.deviceId, clock) {}

RoundReport SyncClient::runRound() {
    RoundReport report;
    clockCorrected_ = false;
    state_.recordAttempt();
    QElapsedTimer timer;
    timer.start();
    const Step pushed = push(report);
    report.pushMs = timer.restart();
    if (pushed == Step::Continue) {
        pull(report);
        report.pullMs = timer.elapsed();
    }
    if (report.result == RoundResult::Done) {
        state_.recordSuccess();
    } else {
        qCWarning(lcSync).noquote() << "sync round stopped:" << report.message;
        state_.recordFailure(report.message);
    }
    return report;
}

HttpOutcome SyncClient::signedRequest(const QByteArray& method, const QByteArray& pathAndQuery,
                                      const QByteArray& body) {
    // Every attempt is a new request: new timestamp, new nonce (PROTOCOL.md §3.4).
    const qint64 ts = clock_.now().toSecsSinceEpoch() + state_.clockOffset();
    const QByteArray nonce = newNonce();
    const QByteArray sig = signature(credentials_.secret, method, pathAndQuery, ts, nonce, body);
    const QList<QByteArray> headers = {
        QByteArray(kHeaderDevice) + ": " + credentials_.deviceId.toUtf8(),
        QByteArray(kHeaderTimestamp) + ": " + formatTimestamp(ts),
        QByteArray(kHeaderNonce) + ": " + nonce,
        QByteArray(kHeaderSignature) + ": " + sig,
    };
    return transport_.send(method, pathAndQuery, headers, body);
}

SyncClient::Step SyncClient::push(RoundReport& report) {
    int batch = std::min(batchSize_, kMaxPushEvents);
    while (true) {
        const QList<Event> events = state_.unsent(batch);
        if (events.isEmpty()) return Step::Continue;
        const QByteArray body = encodePushRequest(events);
        const HttpOutcome out = signedRequest("POST", kPushPath, body);
        if (out.ok() && out.reply.status == 413 && events.size() > 1) {
            batch = std::max(1, int(events.size()) / 2);  // PROTOCOL.md §5: halve what was sent, try again
            continue;
        }
        if (!out.ok() || out.reply.status != 200 || !isJsonContentType(out.reply.contentType)) {
            if (explainFailure(out, "push", report)) continue;
            return Step::Stop;
        }
        PushReply reply;
        QString why;
        if (!decodePushReply(out.reply.body, events, &reply, &why)) {
            report.result = RoundResult::RetryLater;
            report.message = QStringLiteral("the server's answer to a push was refused: %1").arg(why);
            return Step::Stop;
        }
        QList<PushAck> acks;
        QList<PushRefusal> refusals;
        for (const PushResult& r : reply.results) {
            acks.append({r.id, r.serverSeq});
            (r.status == PushStatus::Stored ? report.pushed : report.duplicates)++;
        }
        for (const Conflict& c : reply.conflicts) {
            refusals.append({c.id, c.reason});
            qCWarning(lcSync).noquote() << "the server refused event" << c.id << ":" << c.reason;
        }
        report.refusedByServer += int(refusals.size());
        state_.recordPush(acks, refusals);
    }
}

SyncClient::Step SyncClient::pull(RoundReport& report) {
    for (int pages = 0; pages < kMaxPagesPerRound; ++pages) {
        const qint64 after = state_.cursor();
        const HttpOutcome out = signedRequest("GET", pullPathAndQuery(after, pullLimit_), {});
        if (!out.ok() || out.reply.status != 200 || !isJsonContentType(out.reply.contentType)) {
            if (explainFailure(out, "pull", report)) continue;
            return Step::Stop;
        }
        PullPage page;
        QString why;
        if (!decodePullReply(out.reply.body, after, pullLimit_, &page, &why)) {
            report.result = RoundResult::RetryLater;
            report.message = QStringLiteral("the server's answer to a pull was refused: %1").arg(why);
            return Step::Stop;
        }
        QList<PulledEvent> pulled;
        pulled.reserve(page.events.size());
        for (qsizetype i = 0; i < page.events.size(); ++i) pulled.append({page.events[i], page.serverSeqs[i]});
        const PullApplied applied = state_.applyPulled(pulled, page.next);
        report.pulled += int(pulled.size());
        report.applied += applied.inserted;
        report.refusedHere += applied.refused;
        if (!page.more) return Step::Continue;
    }
    report.result = RoundResult::RetryLater;
    report.message = QStringLiteral("the server kept saying there is more; stopped after %1 pages").arg(kMaxPagesPerRound);
    return Step::Stop;
}

bool SyncClient::explainFailure(const HttpOutcome& out, const char* what, RoundReport& report) {
    report.result = RoundResult::RetryLater;
    if (!out.ok()) {
        report.message = out.message;
        report.networkFailure = true;
        return false;
    }
    const HttpReply& r = out.reply;
    if (!isJsonContentType(r.contentType)) {
        // A captive portal, a proxy's error page: not an answer from pavilion-central.
        report.message = QStringLiteral("%1: the server answered %2 with %3 instead of JSON (a proxy or a wrong address?)")
                             .arg(QLatin1String(what), statusLine(r),
                                  r.contentType.isEmpty() ? QStringLiteral("no content type")
                                                          : QString::fromLatin1(r.contentType.left(80)));
        return false;
    }
    ErrorReply err;
    QString why;
    if (!decodeError(r.body, &err, &why)) {
        report.message = QStringLiteral("%1: the server answered %2 without a readable explanation (%3)")
                             .arg(QLatin1String(what), statusLine(r), why);
        return false;
    }
    const QString said = QStringLiteral("%1: the server answered %2 %3: %4")
                             .arg(QLatin1String(what), statusLine(r), err.code, err.message);
    if (r.status == 401 && err.code == QLatin1String("stale")) {
        const QDateTime serverNow = parseHttpDate(r.date);
        if (!clockCorrected_ && serverNow.isValid()) {
            // PROTOCOL.md §3.4: estimate the offset from the reply's Date and re-sign one retry.
            const qint64 offset = serverNow.toSecsSinceEpoch() - clock_.now().toSecsSinceEpoch();
            state_.setClockOffset(offset);
            clockCorrected_ = true;
            qCWarning(lcSync).noquote() << QStringLiteral("the clock of this terminal is wrong by %1 minutes; corrected for sync")
                                               .arg(offset / 60);
            report.result = RoundResult::Done;  // not a failure: the retry decides
            return true;
        }
        report.message = QStringLiteral("the clock of this terminal is wrong (%1)").arg(err.message);
        return false;
    }
    if (r.status >= 500) {
        report.message = said;
        report.retryAfterSeconds = r.retryAfter.toInt();
        return false;
    }
    // 4xx: the same request would be refused again; someone has to act.
    report.result = RoundResult::NeedsPerson;
    report.message = said;
    return false;
}

}  // namespace pavilion::sync
