// FaultProxy in front of HostileServer, driven by libcurl (as the sync client is) and, where the
// exact bytes matter, by a raw socket. Each test checks what the client saw AND what the server
// received, since "the server committed but the client does not know" is the point.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "curlclient.h"
#include "faultproxy.h"
#include "hostileserver.h"
#include "rawclient.h"

using namespace std::chrono_literals;
using pavilion::testing::CurlClient;
using pavilion::testing::CurlRequest;
using pavilion::testing::CurlResult;
using pavilion::testing::FaultProxy;
using pavilion::testing::fetch;
using pavilion::testing::HostileServer;
using pavilion::testing::RawClient;
using Mode = FaultProxy::Mode;
using Reply = HostileServer::Reply;

namespace {

constexpr auto kWait = 5000ms;  // generous bound for "eventually"; never slept through

CurlRequest post(std::string body) {
    CurlRequest r;
    r.method = "POST";
    r.body = std::move(body);
    r.headers = {"Content-Type: application/json"};
    return r;
}

bool isConnectionFailure(CURLcode c) {
    return c == CURLE_RECV_ERROR || c == CURLE_SEND_ERROR || c == CURLE_GOT_NOTHING ||
           c == CURLE_COULDNT_CONNECT;
}

class FaultProxyTest : public ::testing::Test {
protected:
    HostileServer server;
    std::optional<FaultProxy> proxy{std::in_place, "127.0.0.1", server.port()};
};

TEST_F(FaultProxyTest, PassDeliversTheExactRequestAndReply) {
    server.pushReply(Reply::json(201, R"({"accepted":[1,2,3]})"));
    const auto r = fetch(proxy->url("/v1/push?t=1"), post(R"({"events":[1,2,3]})"));
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.body, R"({"accepted":[1,2,3]})");
    const auto got = server.requests();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].target, "/v1/push?t=1");
    EXPECT_EQ(got[0].body, R"({"events":[1,2,3]})");
    EXPECT_EQ(proxy->count(Mode::Pass), 1);
    // The byte counters are final once the connection is (curl closed it on cleanup).
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
    EXPECT_GT(proxy->bytesToServer(), got[0].body.size());
    EXPECT_GT(proxy->bytesToClient(), r.body.size());
}

TEST_F(FaultProxyTest, PassCarriesKeptAliveRequestsOnOneConnection) {
    CurlClient client;
    for (int i = 0; i < 3; ++i) {
        const auto r = client.perform(proxy->url("/echo"), post("body " + std::to_string(i)));
        ASSERT_EQ(r.code, CURLE_OK) << r.error;
        EXPECT_EQ(r.body, "body " + std::to_string(i));
    }
    EXPECT_EQ(proxy->accepted(), 1);
    EXPECT_EQ(server.accepted(), 1);
    EXPECT_EQ(server.requestCount(), 3);
}

TEST_F(FaultProxyTest, PassMovesLargeBodiesBothWays) {
    std::string big(4 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
    const auto r = fetch(proxy->url("/echo"), post(big));
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    EXPECT_TRUE(r.body == big) << "echoed " << r.body.size() << " bytes";
}

TEST_F(FaultProxyTest, ResetBeforeRequestFailsTheClientAndReachesNoServer) {
    proxy->setMode(Mode::ResetBeforeRequest);
    const auto r = fetch(proxy->url("/v1/push"), post("{}"));
    EXPECT_TRUE(isConnectionFailure(r.code)) << r.code << " " << r.error;
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
    EXPECT_EQ(proxy->count(Mode::ResetBeforeRequest), 1);
    EXPECT_EQ(proxy->bytesToServer(), 0u);
    EXPECT_EQ(server.accepted(), 0);
    EXPECT_EQ(server.requestCount(), 0);
}

TEST_F(FaultProxyTest, ResetMidRequestCutsInsideTheBody) {
    proxy->setMode(Mode::ResetMidRequest);
    const std::string body(10000, 'e');
    const auto r = fetch(proxy->url("/v1/push"), post(body));
    EXPECT_TRUE(isConnectionFailure(r.code)) << r.code << " " << r.error;
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
    ASSERT_TRUE(server.waitForFinished(1, kWait));
    EXPECT_EQ(server.requestCount(), 0);
    // The head (some hundred bytes) plus half the body.
    EXPECT_GT(proxy->bytesToServer(), 5000u);
    EXPECT_LT(proxy->bytesToServer(), 6000u);
    EXPECT_EQ(proxy->bytesToClient(), 0u);
}

TEST_F(FaultProxyTest, ResetMidRequestCutPointsAreExact) {
    const std::string head = "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n";
    const std::string getHead = "GET /g HTTP/1.1\r\nHost: x\r\n\r\n";
    struct Case {
        std::optional<std::uint64_t> cut;
        std::string request;
        std::uint64_t expected;
    };
    const Case cases[] = {
        {std::nullopt, head + std::string(100, 'b'), head.size() + 50},  // head + half the body
        {std::nullopt, getHead, getHead.size() / 2},                     // half the head
        {10, head + std::string(100, 'b'), 10},                          // explicit
        {100000, getHead, getHead.size() - 1},  // capped: never the last byte
    };
    std::uint64_t before = 0;
    int n = 0;
    for (const auto& c : cases) {
        proxy->pushModes({Mode::ResetMidRequest});
        proxy->setRequestCut(c.cut);
        RawClient client(proxy->port());
        ASSERT_TRUE(client.send(c.request));
        const auto got = client.readUntilClosed(kWait);
        EXPECT_TRUE(got.reset);
        EXPECT_EQ(got.bytes, "");
        ASSERT_TRUE(proxy->waitForFinished(++n, kWait));
        EXPECT_EQ(proxy->bytesToServer() - before, c.expected) << c.request;
        before = proxy->bytesToServer();
    }
    ASSERT_TRUE(server.waitForFinished(n, kWait));
    EXPECT_EQ(server.requestCount(), 0);
}

TEST_F(FaultProxyTest, ResetAfterServerReplyCommitsOnTheServerButLosesTheReply) {
    proxy->pushModes({Mode::ResetAfterServerReply});  // then the default: Pass
    server.pushReply(Reply::json(200, R"({"accepted":["e1"]})"));
    CurlClient client;
    const auto lost = client.perform(proxy->url("/v1/push"), post(R"({"events":["e1"]})"));
    EXPECT_TRUE(isConnectionFailure(lost.code)) << lost.code << " " << lost.error;
    EXPECT_EQ(lost.body, "");
    ASSERT_EQ(server.requestCount(), 1);
    EXPECT_EQ(server.requests()[0].body, R"({"events":["e1"]})");
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
    EXPECT_EQ(proxy->bytesToClient(), 0u);

    // The retry (a new connection, the old one was reset) gets through: the server has now
    // seen the same push twice, which is what the sync tests must show to be harmless.
    const auto retry = client.perform(proxy->url("/v1/push"), post(R"({"events":["e1"]})"));
    ASSERT_EQ(retry.code, CURLE_OK) << retry.error;
    EXPECT_EQ(proxy->accepted(), 2);
    EXPECT_EQ(server.requestCount(), 2);
}

TEST_F(FaultProxyTest, ResetAfterServerReplyPassesOn100Continue) {
    proxy->setMode(Mode::ResetAfterServerReply);
    auto request = post(std::string(3000, 'c'));
    request.headers.push_back("Expect: 100-continue");
    request.expect100TimeoutMs = 20000;  // a lost 100 Continue would show as a 20 s wait
    const auto r = fetch(proxy->url("/v1/push"), request);
    EXPECT_TRUE(isConnectionFailure(r.code)) << r.code << " " << r.error;
    EXPECT_LT(r.elapsed, 5000ms);
    ASSERT_EQ(server.requestCount(), 1);
    EXPECT_EQ(server.requests()[0].body.size(), 3000u);
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
    EXPECT_EQ(proxy->bytesToClient(), std::string("HTTP/1.1 100 Continue\r\n\r\n").size());
}

TEST_F(FaultProxyTest, ResetAfterServerReplyWaitsForAChunkedReplyToEnd) {
    proxy->setMode(Mode::ResetAfterServerReply);
    server.pushReply(
        Reply::raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    RawClient client(proxy->port());
    ASSERT_TRUE(client.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto got = client.readUntilClosed(kWait);
    EXPECT_TRUE(got.reset);
    EXPECT_EQ(got.bytes, "");
    EXPECT_EQ(server.requestCount(), 1);
}

TEST_F(FaultProxyTest, StallForeverLetsTheClientTimeOut) {
    proxy->setMode(Mode::StallForever);
    auto request = post("{}");
    request.timeoutMs = 300;
    const auto r = fetch(proxy->url("/v1/push"), request);
    EXPECT_EQ(r.code, CURLE_OPERATION_TIMEDOUT) << r.error;
    EXPECT_GE(r.elapsed, 250ms);
    EXPECT_LT(r.elapsed, 3000ms);
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));  // curl's close ends the stall
    EXPECT_EQ(server.accepted(), 0);
}

TEST_F(FaultProxyTest, DestructorReturnsPromptlyWhileAConnectionStalls) {
    proxy->setMode(Mode::StallForever);
    RawClient client(proxy->port());
    ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(proxy->waitForAccepted(1, kWait));
    EXPECT_EQ(proxy->active(), 1);
    const auto start = std::chrono::steady_clock::now();
    proxy.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);
    const auto got = client.readUntilClosed(kWait);
    EXPECT_TRUE(got.closed);
    EXPECT_TRUE(got.reset);
}

TEST_F(FaultProxyTest, TrickleDeliversTheWholeReplySlowly) {
    proxy->setMode(Mode::Trickle);
    proxy->setTrickle(5ms);
    const std::string body = "0123456789abcdefghij";
    const std::string reply =
        "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    server.pushReply(Reply::raw(reply));
    const auto r = fetch(proxy->url("/v1/pull"));
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    EXPECT_EQ(r.body, body);
    // One byte per 5 ms is a lower bound on the time; the body came in many small pieces.
    EXPECT_GE(r.elapsed, (reply.size() - 1) * 5ms);
    EXPECT_GE(r.writeCalls, static_cast<int>(body.size() / 4));
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
    EXPECT_EQ(proxy->bytesToClient(), reply.size());
}

TEST_F(FaultProxyTest, TrickleIsAbortedByTheClientsLowSpeedLimit) {
    proxy->setMode(Mode::Trickle);
    proxy->setTrickle(5ms);  // 200 bytes/s
    server.pushReply(Reply::json(200, std::string(5000, ' ')));
    CurlRequest request;
    request.lowSpeedLimit = 1000;
    request.lowSpeedTime = 1;
    const auto r = fetch(proxy->url("/v1/pull"), request);
    EXPECT_EQ(r.code, CURLE_OPERATION_TIMEDOUT) << r.error;
    EXPECT_LT(r.elapsed, 4000ms);
    EXPECT_LT(r.body.size(), 5000u);
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
}

TEST_F(FaultProxyTest, TruncateReplyCutsAContentLengthBodyInHalf) {
    proxy->setMode(Mode::TruncateReply);
    server.pushReply(Reply::json(200, std::string(100, 'j')));
    const auto r = fetch(proxy->url("/v1/pull"));
    EXPECT_EQ(r.code, CURLE_PARTIAL_FILE) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, std::string(50, 'j'));
    EXPECT_EQ(server.requestCount(), 1);
}

TEST_F(FaultProxyTest, TruncateReplyCutsAChunkedBody) {
    proxy->setMode(Mode::TruncateReply);
    server.pushReply(
        Reply::raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "14\r\n0123456789abcdefghij\r\n0\r\n\r\n"));
    const auto r = fetch(proxy->url("/v1/pull"));
    EXPECT_EQ(r.code, CURLE_PARTIAL_FILE) << r.error;
    EXPECT_EQ(r.body, "0123456789");
}

TEST_F(FaultProxyTest, TruncateReplyByExplicitByteCount) {
    proxy->setMode(Mode::TruncateReply);
    proxy->setReplyCut(12);
    server.pushReply(Reply::json(200, "{}"));
    RawClient client(proxy->port());
    ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto got = client.readUntilClosed(kWait);
    EXPECT_TRUE(got.closed);
    EXPECT_FALSE(got.reset);  // a clean FIN
    EXPECT_EQ(got.bytes, "HTTP/1.1 200");
}

TEST_F(FaultProxyTest, OfflineRefusesConnectionsUntilOnlineAgain) {
    proxy->setOnline(false);
    const auto down = fetch(proxy->url("/v1/push"), post("{}"));
    EXPECT_TRUE(isConnectionFailure(down.code)) << down.code << " " << down.error;
    EXPECT_LT(down.elapsed, 2000ms);
    ASSERT_TRUE(proxy->waitForFinished(1, kWait));
    EXPECT_EQ(proxy->refusedOffline(), 1);
    EXPECT_EQ(server.accepted(), 0);

    proxy->setOnline(true);
    const auto up = fetch(proxy->url("/v1/push"), post("{}"));
    ASSERT_EQ(up.code, CURLE_OK) << up.error;
    EXPECT_EQ(server.requestCount(), 1);
}

TEST_F(FaultProxyTest, GoingOfflineResetsOpenConnections) {
    proxy->setMode(Mode::StallForever);
    RawClient client(proxy->port());
    ASSERT_TRUE(proxy->waitForAccepted(1, kWait));
    proxy->setOnline(false);
    const auto got = client.readUntilClosed(kWait);
    EXPECT_TRUE(got.reset);
    EXPECT_TRUE(proxy->waitForFinished(1, kWait));
}

TEST_F(FaultProxyTest, QueuedModesComeFirstThenTheChooser) {
    proxy->pushModes({Mode::ResetBeforeRequest, Mode::ResetBeforeRequest});
    std::vector<int> indices;
    proxy->setModeChooser([&](int index) {
        indices.push_back(index);
        return index % 2 == 0 ? Mode::Pass : Mode::ResetBeforeRequest;
    });
    std::vector<bool> ok;
    for (int i = 0; i < 4; ++i) ok.push_back(fetch(proxy->url("/x")).code == CURLE_OK);
    EXPECT_EQ(ok, (std::vector<bool>{false, false, true, false}));
    ASSERT_TRUE(proxy->waitForFinished(4, kWait));
    EXPECT_EQ(indices, (std::vector<int>{2, 3}));
    EXPECT_EQ(proxy->count(Mode::ResetBeforeRequest), 3);
    EXPECT_EQ(proxy->count(Mode::Pass), 1);
    EXPECT_EQ(server.requestCount(), 1);
    proxy->setModeChooser({});  // it refers to this test's locals
}

TEST(FaultProxyUpstream, UnreachableTargetResetsTheClient) {
    std::uint16_t closedPort = 0;
    { pavilion::testing::Fd probe = pavilion::testing::listenLoopback(&closedPort); }
    FaultProxy proxy("127.0.0.1", closedPort);
    const auto r = fetch(proxy.url("/"));
    EXPECT_TRUE(isConnectionFailure(r.code)) << r.code << " " << r.error;
    ASSERT_TRUE(proxy.waitForFinished(1, kWait));
    EXPECT_EQ(proxy.upstreamFailures(), 1);
}

}  // namespace
