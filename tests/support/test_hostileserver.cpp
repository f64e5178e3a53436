// HostileServer on its own, driven by libcurl: it must record requests faithfully and answer
// exactly as told, including the answers a real server would never give.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "curlclient.h"
#include "hostileserver.h"
#include "rawclient.h"

using namespace std::chrono_literals;
using pavilion::testing::CurlClient;
using pavilion::testing::CurlRequest;
using pavilion::testing::fetch;
using pavilion::testing::HostileServer;
using pavilion::testing::RawClient;
using pavilion::testing::RecordedRequest;
using Reply = HostileServer::Reply;

namespace {

constexpr auto kWait = 5000ms;

CurlRequest post(std::string body, std::vector<std::string> headers = {}) {
    CurlRequest r;
    r.method = "POST";
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

TEST(HostileServer, RecordsTheRequestsFields) {
    HostileServer server;
    const auto r = fetch(server.url("/v1/push?terminal=T1"),
                         post(R"({"events":[]})",
                              {"Content-Type: application/json", "X-Pavilion-Signature: abc123"}));
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    const auto got = server.requests();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].method, "POST");
    EXPECT_EQ(got[0].target, "/v1/push?terminal=T1");
    EXPECT_EQ(got[0].version, "HTTP/1.1");
    EXPECT_EQ(got[0].header("x-pavilion-signature"), "abc123");
    EXPECT_EQ(got[0].header("Content-Type"), "application/json");
    EXPECT_EQ(got[0].header("Content-Length"), "13");
    EXPECT_EQ(got[0].body, R"({"events":[]})");
    EXPECT_EQ(got[0].connection, 0);
    // The default handler echoes.
    EXPECT_EQ(r.body, R"({"events":[]})");
    EXPECT_EQ(r.contentType, "application/json");
}

TEST(HostileServer, DecodesAChunkedRequestBody) {
    HostileServer server;
    RawClient client(server.port());
    ASSERT_TRUE(
        client.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
    ASSERT_TRUE(server.waitForRequests(1, kWait));
    EXPECT_EQ(server.requests()[0].body, "abcde");
}

TEST(HostileServer, AnswersJsonAndOtherContentTypes) {
    HostileServer server;
    server.pushReply(Reply::json(409, R"({"error":"conflict"})").withHeader("Retry-After", "3"));
    server.pushReply(Reply::withContentType(502, "text/html", "<html>Bad Gateway</html>"));
    CurlClient client;
    const auto a = client.perform(server.url("/a"));
    ASSERT_EQ(a.code, CURLE_OK) << a.error;
    EXPECT_EQ(a.status, 409);
    EXPECT_EQ(a.contentType, "application/json");
    EXPECT_EQ(a.body, R"({"error":"conflict"})");
    const auto b = client.perform(server.url("/b"));
    ASSERT_EQ(b.code, CURLE_OK) << b.error;
    EXPECT_EQ(b.status, 502);
    EXPECT_EQ(b.contentType, "text/html");
    EXPECT_EQ(b.body, "<html>Bad Gateway</html>");
    // Both on one kept-alive connection.
    EXPECT_EQ(server.accepted(), 1);
    EXPECT_EQ(server.requests()[1].connection, 0);
}

TEST(HostileServer, HandlerBuildsTheReplyFromTheRequest) {
    HostileServer server;
    // "Valid shape, wrong ids": acknowledge ids that were not sent.
    server.setHandler([](const RecordedRequest& req) {
        return Reply::json(200, R"({"accepted":[")" + req.body + R"(-wrong"]})");
    });
    server.pushReply(Reply::json(503, "{}"));  // the queue comes first
    EXPECT_EQ(fetch(server.url("/"), post("e7")).status, 503);
    const auto r = fetch(server.url("/"), post("e8"));
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    EXPECT_EQ(r.body, R"({"accepted":["e8-wrong"]})");
}

TEST(HostileServer, GarbageIsNotAnHttpReply) {
    HostileServer server;
    server.pushReply(Reply::garbage(4096));
    const auto r = fetch(server.url("/"));
    EXPECT_NE(r.code, CURLE_OK);
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.body, "");
}

TEST(HostileServer, CloseWithoutReplyGivesNothing) {
    HostileServer server;
    server.pushReply(Reply::closeWithoutReply());
    const auto r = fetch(server.url("/"), post("{}"));
    EXPECT_EQ(r.code, CURLE_GOT_NOTHING) << r.error;
    EXPECT_EQ(server.requestCount(), 1);
}

TEST(HostileServer, HugeBodyStopsWhenTheClientGivesUp) {
    HostileServer server;
    constexpr std::uint64_t kTotal = 64ull << 20;
    constexpr std::size_t kCap = 8u << 20;
    server.pushReply(Reply::huge(200, "application/json", kTotal));
    CurlRequest request;
    request.abortAfterBytes = kCap;  // as a client capping replies at 8 MiB would
    const auto r = fetch(server.url("/v1/pull"), request);
    EXPECT_EQ(r.code, CURLE_WRITE_ERROR) << r.error;
    EXPECT_LE(r.body.size(), kCap);
    EXPECT_GT(r.body.size(), kCap - (1u << 20));
    EXPECT_EQ(r.body.substr(0, 5), "[0,0,");
    ASSERT_TRUE(server.waitForFinished(1, kWait));  // the streaming thread has ended
    EXPECT_EQ(server.abortedStreams(), 1);
    EXPECT_LT(server.hugeBytesSent(), kTotal);
}

TEST(HostileServer, HugeBodyIsCompleteWhenRead) {
    HostileServer server;
    server.pushReply(Reply::huge(200, "text/plain", 3u << 20));
    const auto r = fetch(server.url("/"));
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    EXPECT_EQ(r.body, std::string(3u << 20, 'x'));
    ASSERT_TRUE(server.waitForFinished(1, kWait));  // counters are final once it has ended
    EXPECT_EQ(server.hugeBytesSent(), 3u << 20);
    EXPECT_EQ(server.abortedStreams(), 0);
}

TEST(HostileServer, DelayedReplyArrivesLateOrTimesOut) {
    HostileServer server;
    server.pushReply(Reply::json(200, "{}").delayed(200ms));
    server.pushReply(Reply::json(200, "{}").delayed(2000ms));
    const auto late = fetch(server.url("/"));
    ASSERT_EQ(late.code, CURLE_OK) << late.error;
    EXPECT_GE(late.elapsed, 200ms);
    CurlRequest impatient;
    impatient.timeoutMs = 100;
    const auto r = fetch(server.url("/"), impatient);
    EXPECT_EQ(r.code, CURLE_OPERATION_TIMEDOUT) << r.error;
}

TEST(HostileServer, DestructorReturnsPromptlyDuringADelay) {
    std::optional<HostileServer> server(std::in_place);
    server->pushReply(Reply::json(200, "{}").delayed(60s));
    RawClient client(server->port());
    ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(server->waitForRequests(1, kWait));
    const auto start = std::chrono::steady_clock::now();
    server.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);
    EXPECT_TRUE(client.readUntilClosed(kWait).closed);
}

TEST(HostileServer, Answers100Continue) {
    HostileServer server;
    auto request = post(std::string(3000, 'c'), {"Expect: 100-continue"});
    request.expect100TimeoutMs = 20000;  // without the 100 the client would wait 20 s
    const auto r = fetch(server.url("/"), request);
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    EXPECT_LT(r.elapsed, 5000ms);
    EXPECT_EQ(r.body.size(), 3000u);
}

TEST(HostileServer, CountsPartialAndMalformedRequests) {
    HostileServer server;
    {
        RawClient partial(server.port());
        ASSERT_TRUE(partial.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));
    }
    {
        RawClient tls(server.port());
        ASSERT_TRUE(tls.send(std::string("\x16\x03\x01\x00\x05hello", 10)));
        EXPECT_TRUE(tls.readUntilClosed(kWait).closed);
    }
    ASSERT_TRUE(server.waitForFinished(2, kWait));
    EXPECT_EQ(server.partialRequests(), 1);
    EXPECT_EQ(server.malformedRequests(), 1);
    EXPECT_EQ(server.requestCount(), 0);
}

}  // namespace
