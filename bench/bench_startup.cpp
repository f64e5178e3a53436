// Kiosk cold start to first frame, and its peak resident memory, against a bare Qt Quick window
// built the same way, measured alternately in the same run. Both render offscreen with the
// software renderer and quit on their first frameSwapped.
//   bench_startup [RUNS]   (default 15)
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

extern char** environ;

namespace {

struct Run {
    double ms;
    long maxRssKb;
};

// fork/exec + wait4, so the peak RSS is that of this child alone.
Run runOnce(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    QElapsedTimer t;
    t.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) {
        std::perror("posix_spawn");
        std::exit(1);
    }
    int status = 0;
    struct rusage ru {};
    wait4(pid, &status, 0, &ru);
    const double ms = t.nsecsElapsed() / 1e6;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s exited with %d\n", args[0], WEXITSTATUS(status));
        std::exit(1);
    }
    return {ms, ru.ru_maxrss};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 15;
    qputenv("QT_QPA_PLATFORM", "offscreen");

    QTemporaryDir dir;
    const QString source = QStringLiteral(PAVILION_SOURCE_DIR);
    const QString config = source + QStringLiteral("/kiosk-config/pavilion-shuxiang.json");
    if (QProcess::execute(QStringLiteral(PAVILIONCTL_PATH),
                          {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--config"), config, QStringLiteral("demo"),
                           QStringLiteral("load"), source + QStringLiteral("/assets/demo/issues.json")}) != 0)
        return 1;

    const std::vector<std::string> kiosk = {KIOSK_PATH, "--config", config.toStdString(), "--data-dir",
                                            dir.path().toStdString(), "--exit-after-first-frame"};
    const std::vector<std::string> bare = {BARE_PATH};
    // One warm-up of each so both start with the same page cache.
    runOnce(kiosk);
    runOnce(bare);
    std::vector<double> kMs, bMs, kRss, bRss;
    for (int i = 0; i < runs; ++i) {
        const Run k = runOnce(kiosk);
        const Run b = runOnce(bare);
        kMs.push_back(k.ms);
        bMs.push_back(b.ms);
        kRss.push_back(k.maxRssKb / 1024.0);
        bRss.push_back(b.maxRssKb / 1024.0);
    }
    const double km = median(kMs), bm = median(bMs), kr = median(kRss), br = median(bRss);
    std::printf("start-up to first frame (median of %d): kiosk %.1f ms, bare window %.1f ms, ratio %.2f (target <= 1.5)\n",
                runs, km, bm, km / bm);
    std::printf("peak resident memory (median of %d):    kiosk %.1f MiB, bare window %.1f MiB, ratio %.2f (target <= 1.5)\n",
                runs, kr, br, kr / br);
    return 0;
}
