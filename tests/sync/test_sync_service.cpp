// The background SyncService on its own thread against the real server through the fault proxy:
// a local action goes out within moments; offline, it backs off; when the network returns, the
// connect probe notices and it syncs at once instead of waiting out the back-off.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <functional>

#include "faultproxy.h"
#include "sync/client/syncservice.h"
#include "syncfixture.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {

bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

class SyncServiceTest : public SyncServerTest {
protected:
    void SetUp() override {
        SyncServerTest::SetUp();
        if (HasFatalFailure()) return;
        proxy_ = std::make_unique<FaultProxy>("127.0.0.1", std::uint16_t(QUrl(server_.baseUrl()).port()));
        terminal_ = std::make_unique<TestTerminal>(QStringLiteral("yayuan-pavilion-shuxiang"),
                                                   home_.enrol(QStringLiteral("yayuan-pavilion-shuxiang")));
        secretFile_ = terminal_->dataDir() + QStringLiteral("/device.secret");
        QFile f(secretFile_);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(terminal_->secret() + "\n");
    }
    void TearDown() override {
        if (service_) {
            QMetaObject::invokeMethod(service_, &sync::SyncService::stop, Qt::BlockingQueuedConnection);
            thread_.quit();
            thread_.wait();
            delete service_;
        }
    }

    void startService(int totalTimeoutMs = 2000) {
        sync::ServiceSettings s;
        s.databasePath = terminal_->dbPath();
        s.terminalId = terminal_->id();
        s.secretPath = secretFile_;
        s.sync.intervalSeconds = 3600;  // only local actions, failures and probes trigger rounds
        s.transport = transportFor(QStringLiteral("http://127.0.0.1:%1").arg(proxy_->port()));
        s.transport.totalTimeoutMs = totalTimeoutMs;
        s.backoffBase = s.backoffCap = sync::Backoff::Millis(60'000);
        s.backoffRandom = [](qint64 max) { return max; };  // a full minute: only the probe is quicker
        s.probeIntervalMs = 100;
        s.soonDelayMs = 50;
        service_ = new sync::SyncService(s);
        service_->moveToThread(&thread_);
        QObject::connect(service_, &sync::SyncService::snapshotChanged, &receiver_,
                         [this](const sync::SyncSnapshot& snap) { snapshots_.push_back(snap); });
        thread_.start();
        QMetaObject::invokeMethod(service_, &sync::SyncService::start);
    }
    sync::SyncHealth lastHealth() const { return snapshots_.empty() ? sync::SyncHealth::Off : snapshots_.back().health; }
    qint64 serverEvents() { return countRows(home_.dbPath(), "SELECT COUNT(*) FROM events"); }

    std::unique_ptr<FaultProxy> proxy_;
    std::unique_ptr<TestTerminal> terminal_;
    QString secretFile_;
    QThread thread_;
    QObject receiver_;
    sync::SyncService* service_ = nullptr;
    std::vector<sync::SyncSnapshot> snapshots_;
};

}  // namespace

TEST_F(SyncServiceTest, ALocalActionReachesTheServerWithinMoments) {
    terminal_->report(1);
    startService();
    ASSERT_TRUE(waitFor([&] { return serverEvents() == 1 && lastHealth() == sync::SyncHealth::UpToDate; }, 10'000));
    terminal_->report(2);
    QMetaObject::invokeMethod(service_, &sync::SyncService::syncSoon);
    EXPECT_TRUE(waitFor([&] { return serverEvents() == 2; }, 5'000)) << "syncSoon should send within moments";
    EXPECT_TRUE(waitFor([&] { return lastHealth() == sync::SyncHealth::UpToDate && snapshots_.back().waiting == 0; }, 5'000));
}

TEST_F(SyncServiceTest, WhenTheNetworkReturnsTheProbeSyncsAtOnce) {
    proxy_->setOnline(false);
    terminal_->report(3);
    startService();
    ASSERT_TRUE(waitFor([&] { return lastHealth() == sync::SyncHealth::Waiting; }, 10'000));
    EXPECT_FALSE(snapshots_.back().lastError.isEmpty());
    EXPECT_EQ(snapshots_.back().waiting, 1);
    const QDateTime next = snapshots_.back().nextAttempt;
    ASSERT_TRUE(next.isValid());
    EXPECT_GT(QDateTime::currentDateTimeUtc().msecsTo(next), 50'000) << "backing off a full minute";

    QElapsedTimer back;
    back.start();
    proxy_->setOnline(true);
    ASSERT_TRUE(waitFor([&] { return serverEvents() == 1; }, 10'000));
    EXPECT_LT(back.elapsed(), 5'000) << "the probe, not the minute's back-off, brought it back";
    EXPECT_TRUE(waitFor([&] { return lastHealth() == sync::SyncHealth::UpToDate; }, 5'000));
}

TEST_F(SyncServiceTest, AMissingSecretIsAProblemForAPersonNotACrash) {
    QFile::remove(secretFile_);
    startService();
    ASSERT_TRUE(waitFor([&] { return lastHealth() == sync::SyncHealth::NeedsPerson; }, 5'000));
    EXPECT_TRUE(snapshots_.back().lastError.contains(QStringLiteral("not enrolled"))) << snapshots_.back().lastError.toStdString();
    EXPECT_EQ(serverEvents(), 0);
}

TEST_F(SyncServiceTest, ShuttingDownDoesNotWaitForAStalledServer) {
    proxy_->setMode(FaultProxy::Mode::StallForever);
    terminal_->report(4);
    startService(60'000);
    ASSERT_TRUE(waitFor([&] { return lastHealth() == sync::SyncHealth::Syncing; }, 5'000));
    ASSERT_TRUE(waitFor([&] { return proxy_->accepted() >= 1; }, 5'000));
    QElapsedTimer t;
    t.start();
    service_->requestStop();
    QMetaObject::invokeMethod(service_, &sync::SyncService::stop, Qt::BlockingQueuedConnection);
    EXPECT_LT(t.elapsed(), 2'000) << "the kiosk must not hang on exit for the transfer's 60 s timeout";
    EXPECT_EQ(terminal_->unsent(), 1) << "the report stays, to be sent next time";
}
