// A pavilion that was offline for three months drains its backlog to a local pavilion-central.
//   bench_sync_drain [EVENTS] [PER_EVENT_SAMPLE]   (defaults 100000 and 2000)
// Three figures from the same run, on the same disk:
//   sync      the terminal's SyncClient pushing all EVENTS in batches of 500 over loopback HTTP
//   direct    the same event rows inserted straight into a fresh server database (the product's
//             schema, WAL + synchronous=FULL, 500 rows per transaction): the floor sync can reach
//   direct incl. projection
//             the same, plus each event's server_seq and applyEvent() in the same transaction:
//             the rows the server's database really ends up holding after a push
//   single    one request per event (batch size 1) over a sample of PER_EVENT_SAMPLE events
// Targets (issue 6): sync at least half the direct rate, and 20x the one-request-per-event rate.
#include <sqlite3.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <cstdio>

#include "core/serverorigin.h"
#include "storage/database.h"
#include "storage/eventlog.h"
#include "storage/issuestore.h"
#include "storage/projector.h"
#include "sync/client/syncclient.h"

using namespace pavilion;

namespace {

struct Central {
    QProcess process;
    QString baseUrl;
};

QByteArray runCentral(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(CENTRAL_PATH), args);
    p.waitForFinished(30000);
    if (p.exitCode() != 0) {
        std::fprintf(stderr, "pavilion-central %s failed: %s\n", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
        std::exit(1);
    }
    return p.readAllStandardOutput();
}

void startCentral(Central& c, const QString& db) {
    c.process.setProcessChannelMode(QProcess::SeparateChannels);
    c.process.setStandardErrorFile(QProcess::nullDevice());
    c.process.start(QStringLiteral(CENTRAL_PATH), {QStringLiteral("--db"), db, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QByteArray line;
    while (!line.contains('\n') && c.process.waitForReadyRead(10000)) line += c.process.readAllStandardOutput();
    const qsizetype at = line.indexOf("http");
    if (at < 0) {
        std::fprintf(stderr, "pavilion-central did not start\n");
        std::exit(1);
    }
    c.baseUrl = QString::fromLatin1(line.mid(at).trimmed());
}

QByteArray enrol(const QString& db, const QString& id, const QString& secretFile) {
    runCentral({QStringLiteral("--db"), db, QStringLiteral("device"), QStringLiteral("add"), id, QStringLiteral("--role"),
                QStringLiteral("pavilion"), QStringLiteral("--secret-file"), secretFile});
    QFile f(secretFile);
    f.open(QIODevice::ReadOnly);
    return f.readAll().trimmed();
}

// A terminal data directory with `n` unsent events: reports and 附议 as residents make them.
// Generated with synchronous=OFF (setup, not measured); reopened with the product's settings.
void makeBacklog(const QString& path, const QString& terminal, int n) {
    auto db = Database::open(path);
    EventLog::bindTerminal(*db, terminal);
    db->exec("PRAGMA synchronous=OFF");
    IssueStore store(*db, terminal);
    QStringList codes;
    const char* const compounds[] = {"书香雅苑", "景墨家园B区", "丽景苑", "双福巷小区"};
    for (int i = 0; i < n; ++i) {
        if (codes.isEmpty() || i % 5 == 0) {
            Location loc{QString::fromUtf8(compounds[i % 4]), QStringLiteral("%1号楼").arg(1 + i % 9), {}, {}};
            codes << store.report(ReportRequest{QStringLiteral("street-lights"), loc,
                                                QStringLiteral("北门路灯坏了两个多月，晚上出门黑乎乎的，老人不敢下楼遛弯。"), {}})
                         .code;
        } else {
            store.support(codes.at(i % codes.size()));
        }
    }
}

double drain(const QString& terminalDb, const QString& terminal, const QByteArray& secret, const QString& baseUrl,
             int batch, int* pushed) {
    auto db = Database::open(terminalDb);
    sync::TransportSettings t;
    QString why;
    parseServerOrigin(baseUrl, &t.origin, &why);
    t.totalTimeoutMs = 120000;
    sync::HttpTransport transport(t);
    sync::SyncClient client(*db, transport, sync::Credentials{terminal, secret});
    client.setBatchSize(batch);
    QElapsedTimer timer;
    timer.start();
    const sync::RoundReport r = client.runRound();
    const double s = timer.nsecsElapsed() / 1e9;
    if (r.result != sync::RoundResult::Done) {
        std::fprintf(stderr, "sync failed: %s\n", qPrintable(r.message));
        std::exit(1);
    }
    *pushed = r.pushed;
    std::printf("    (batch %d: push %.2f s, pull %.2f s)\n", batch, r.pushMs / 1000.0, r.pullMs / 1000.0);
    return s;
}

// The floor: the same event rows straight into a fresh database with the server's schema. With
// `project`, also what the server stores beside each row: its server_seq and the projection.
double directInsert(const QString& terminalDb, const QString& targetDb, int batch, bool project) {
    QList<Event> events = EventLog(*Database::open(terminalDb)).all();
    auto db = Database::open(targetDb);
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < events.size(); i += batch) {
        Database::Transaction tx(*db);
        for (qsizetype j = i; j < std::min(events.size(), i + batch); ++j) {
            const Event& e = events[j];
            if (project) {
                // A fresh database: the j-th row gets local_seq j + 1, and the server mirrors it.
                Statement s(*db, "INSERT INTO events(local_seq, server_seq, id, terminal_id, terminal_seq, type, "
                                 "occurred_at, payload, pushed) VALUES(?1,?1,?2,?3,?4,?5,?6,?7,1)");
                s.bind(1, qint64(j + 1)).bind(2, e.id).bind(3, e.terminalId).bind(4, e.terminalSeq).bind(5, e.type);
                s.bind(6, isoUtc(e.occurredAt));
                s.bind(7, QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact)));
                s.run();
                applyEvent(*db, e);
                continue;
            }
            Statement s(*db, "INSERT INTO events(id, terminal_id, terminal_seq, type, occurred_at, payload, pushed) "
                             "VALUES(?,?,?,?,?,?,1)");
            s.bind(1, e.id).bind(2, e.terminalId).bind(3, e.terminalSeq).bind(4, e.type);
            s.bind(5, isoUtc(e.occurredAt));
            s.bind(6, QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact)));
            s.run();
        }
        tx.commit();
    }
    return timer.nsecsElapsed() / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::max(100, std::atoi(argv[1])) : 100000;
    const int sample = argc > 2 ? std::max(10, std::atoi(argv[2])) : 2000;
    // Under the build tree, not /tmp: tmpfs would make fsync free and the ratios meaningless.
    QTemporaryDir dir(QCoreApplication::applicationDirPath() + QStringLiteral("/bench-drain-XXXXXX"));
    const QString terminal = QStringLiteral("yayuan-pavilion-shuxiang");

    std::printf("bench_sync_drain: %d events (one-per-request sample: %d)\n", n, sample);
    QElapsedTimer setup;
    setup.start();
    const QString backlog = dir.filePath(QStringLiteral("terminal.db"));
    makeBacklog(backlog, terminal, n);
    QFile::copy(backlog, dir.filePath(QStringLiteral("terminal-single.db")));
    std::printf("  setup (not measured): %.1f s\n", setup.elapsed() / 1000.0);

    const double direct = directInsert(backlog, dir.filePath(QStringLiteral("direct.db")), 500, false);
    const double directProjected =
        directInsert(backlog, dir.filePath(QStringLiteral("direct-projected.db")), 500, true);

    const QString serverDb = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("central.db"));
    const QByteArray secret = enrol(serverDb, terminal, dir.filePath(QStringLiteral("device.secret")));
    Central central;
    startCentral(central, serverDb);
    int pushed = 0;
    const double synced = drain(backlog, terminal, secret, central.baseUrl, 500, &pushed);

    // One request per event, on a fresh server and the first `sample` events of a copy.
    const QString singleDb = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("central-single.db"));
    const QByteArray secret2 = enrol(singleDb, terminal, dir.filePath(QStringLiteral("device2.secret")));
    Central central2;
    startCentral(central2, singleDb);
    {
        // Keep only the sample unsent: mark the rest as pushed on the copy.
        auto db = Database::open(dir.filePath(QStringLiteral("terminal-single.db")));
        Statement s(*db, "UPDATE events SET pushed = 1 WHERE terminal_seq > ?");
        s.bind(1, qint64(sample));
        s.run();
    }
    int pushedSingle = 0;
    const double single = drain(dir.filePath(QStringLiteral("terminal-single.db")), terminal, secret2, central2.baseUrl, 1,
                                &pushedSingle);
    central.process.terminate();
    central2.process.terminate();
    central.process.waitForFinished();
    central2.process.waitForFinished();

    const double rSync = pushed / synced, rDirect = n / direct, rSingle = pushedSingle / single;
    const double rDirectProjected = n / directProjected;
    std::printf("  direct insert, 500 rows/tx : %9.0f events/s (%.2f s)\n", rDirect, direct);
    std::printf("  direct insert incl. projection: %6.0f events/s (%.2f s)\n", rDirectProjected, directProjected);
    std::printf("  sync, batches of 500       : %9.0f events/s (%.2f s, %d pushed, incl. pulling them back)\n", rSync,
                synced, pushed);
    std::printf("  sync, one request per event: %9.0f events/s (%.2f s for %d)\n", rSingle, single, pushedSingle);
    std::printf("  sync / direct = %.2f  (target >= 0.50)\n", rSync / rDirect);
    std::printf("  sync / direct incl. projection = %.2f\n", rSync / rDirectProjected);
    std::printf("  batched / one-per-request = %.1fx  (target >= 20x)\n", rSync / rSingle);
    return pushed == n ? 0 : 1;
}
