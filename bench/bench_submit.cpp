// Time from "submit" (ReportFlow::submit(), what the 确认提交 tap calls) to the durable commit,
// against a bare SQLite single-row INSERT commit with the same WAL + synchronous=FULL settings on
// the same disk, interleaved in the same run.
//   bench_submit [ITERATIONS]   (default 300)
#include <sqlite3.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/kiosk.h"
#include "app/reportflow.h"

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::max(20, std::atoi(argv[1])) : 300;
    // Under the build tree, not /tmp: tmpfs would make fsync free and the ratio meaningless.
    QTemporaryDir dir(QCoreApplication::applicationDirPath() + QStringLiteral("/bench-submit-XXXXXX"));

    auto config = pavilion::TerminalConfig::load(QStringLiteral(PAVILION_SOURCE_DIR "/kiosk-config/pavilion-shuxiang.json"));
    pavilion::Kiosk kiosk(config, dir.filePath(QStringLiteral("kiosk")));
    pavilion::Kiosk::setInstance(&kiosk);
    pavilion::ReportFlow flow;

    sqlite3* bare = nullptr;
    sqlite3_open(dir.filePath(QStringLiteral("bare.db")).toUtf8().constData(), &bare);
    sqlite3_exec(bare, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(bare, "INSERT INTO t(body) VALUES(?)", -1, &ins, nullptr);
    const QByteArray body = QStringLiteral("北门路灯坏了两个多月，晚上出门黑乎乎的，老人不敢下楼遛弯。").toUtf8();

    std::vector<double> submit, store, commit;
    QElapsedTimer t;
    for (int i = 0; i < n; ++i) {
        flow.reset();
        flow.chooseCategory(QStringLiteral("street-lights"));
        flow.chooseCompound(QStringLiteral("书香雅苑"));
        flow.choosePublicArea(QStringLiteral("北门"));
        flow.setText(QString::fromUtf8(body));
        t.start();
        if (!flow.submit()) {
            std::fprintf(stderr, "submit failed: %s\n", qPrintable(flow.errorMessage()));
            return 1;
        }
        submit.push_back(t.nsecsElapsed() / 1e6);

        // The store's part alone: validation, event, projection and COMMIT.
        t.start();
        kiosk.store().report(pavilion::ReportRequest{QStringLiteral("street-lights"),
                                                     pavilion::Location{QStringLiteral("书香雅苑"), {}, {}, QStringLiteral("北门")},
                                                     QString::fromUtf8(body), {}});
        store.push_back(t.nsecsElapsed() / 1e6);

        t.start();
        sqlite3_exec(bare, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_text(ins, 1, body.constData(), body.size(), SQLITE_STATIC);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_exec(bare, "COMMIT", nullptr, nullptr, nullptr);
        commit.push_back(t.nsecsElapsed() / 1e6);
    }
    sqlite3_finalize(ins);
    sqlite3_close(bare);

    const double s50 = percentile(submit, 0.5), s99 = percentile(submit, 0.99);
    const double c50 = percentile(commit, 0.5), c99 = percentile(commit, 0.99);
    std::printf("submit to durable commit (%d runs): p50 %.3f ms, p99 %.3f ms\n", n, s50, s99);
    std::printf("of which IssueStore::report:        p50 %.3f ms, p99 %.3f ms\n", percentile(store, 0.5), percentile(store, 0.99));
    std::printf("bare SQLite WAL+FULL commit:        p50 %.3f ms, p99 %.3f ms\n", c50, c99);
    std::printf("ratio p50 %.2f, p99 %.2f (target p99 <= 2.0)\n", s50 / c50, s99 / c99);
    return 0;
}
