// HttpTracker decides where FaultProxy cuts: these pin its framing rules, fed in one piece and
// byte by byte (the proxy sees arbitrary segment boundaries).
#include <gtest/gtest.h>

#include "httpparse.h"

using pavilion::testing::dechunk;
using pavilion::testing::HttpTracker;
using Body = HttpTracker::Body;

namespace {

HttpTracker track(HttpTracker::Kind kind, const std::string& bytes, bool byteByByte,
                  bool eof = false) {
    HttpTracker t(kind);
    if (byteByByte)
        for (char c : bytes) t.feed(std::string_view(&c, 1));
    else
        t.feed(bytes);
    if (eof) t.finish();
    return t;
}

class HttpTrackerTest : public ::testing::TestWithParam<bool> {};

TEST_P(HttpTrackerTest, RequestWithContentLengthEndsAfterTheBody) {
    const std::string head = "POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n";
    const auto t =
        track(HttpTracker::Kind::Request, head + "hello" + "GET / HTTP/1.1\r\n", GetParam());
    ASSERT_TRUE(t.complete());
    EXPECT_EQ(t.headEnd(), head.size());
    EXPECT_EQ(t.end(), head.size() + 5);
    EXPECT_EQ(t.body(), Body::Length);
    EXPECT_EQ(t.head().method, "POST");
    EXPECT_EQ(t.head().target, "/v1/push");
    EXPECT_EQ(t.head().header("content-length"), "5");
}

TEST_P(HttpTrackerTest, RequestIsIncompleteUntilItsLastByte) {
    const std::string req = "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
    const auto t = track(HttpTracker::Kind::Request, req.substr(0, req.size() - 1), GetParam());
    EXPECT_TRUE(t.headComplete());
    EXPECT_FALSE(t.complete());
    EXPECT_FALSE(t.malformed());
}

TEST_P(HttpTrackerTest, RequestWithoutBodyEndsAtTheBlankLine) {
    const std::string req = "GET /v1/pull?after=3 HTTP/1.1\r\nHost: x\r\n\r\n";
    const auto t = track(HttpTracker::Kind::Request, req, GetParam());
    ASSERT_TRUE(t.complete());
    EXPECT_EQ(t.end(), req.size());
    EXPECT_EQ(t.body(), Body::None);
}

TEST_P(HttpTrackerTest, ChunkedBodyEndsAfterTheTrailers) {
    const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string body = "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n";
    const auto t = track(HttpTracker::Kind::Response, head + body + "junk", GetParam());
    ASSERT_TRUE(t.complete());
    EXPECT_EQ(t.body(), Body::Chunked);
    EXPECT_EQ(t.end(), head.size() + body.size());
    ASSERT_TRUE(t.firstChunkDataStart());
    EXPECT_EQ(*t.firstChunkDataStart(), head.size() + 9);
    EXPECT_EQ(t.firstChunkSize(), 4u);
    EXPECT_EQ(dechunk(body), "Wikipedia");
}

TEST_P(HttpTrackerTest, InterimResponsesPrecedeTheFinalOne) {
    const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
    const std::string final = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
    const auto t = track(HttpTracker::Kind::Response, interim + final, GetParam());
    ASSERT_TRUE(t.complete());
    EXPECT_EQ(t.interimEnd(), interim.size());
    EXPECT_EQ(t.head().status, 201);
    EXPECT_EQ(t.end(), interim.size() + final.size());
}

TEST_P(HttpTrackerTest, CloseDelimitedBodyEndsAtEof) {
    const std::string reply = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>";
    auto t = track(HttpTracker::Kind::Response, reply, GetParam());
    EXPECT_FALSE(t.complete());
    EXPECT_EQ(t.body(), Body::UntilClose);
    t.finish();
    ASSERT_TRUE(t.complete());
    EXPECT_EQ(t.end(), reply.size());
}

TEST_P(HttpTrackerTest, NoBodyFor204AndForHead) {
    const std::string reply = "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n";
    const auto t = track(HttpTracker::Kind::Response, reply, GetParam());
    ASSERT_TRUE(t.complete());
    EXPECT_EQ(t.end(), reply.size());

    HttpTracker head(HttpTracker::Kind::Response);
    head.setResponseToHead(true);
    head.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
    EXPECT_TRUE(head.complete());
}

TEST_P(HttpTrackerTest, NonHttpIsMalformedAtOnce) {
    const std::string tlsHello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    EXPECT_TRUE(track(HttpTracker::Kind::Request, tlsHello, GetParam()).malformed());
    EXPECT_TRUE(track(HttpTracker::Kind::Response, "\x01garbage", GetParam()).malformed());
    EXPECT_TRUE(track(HttpTracker::Kind::Response, "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
                      GetParam())
                    .malformed());
}

INSTANTIATE_TEST_SUITE_P(Feeding, HttpTrackerTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "ByteByByte" : "OnePiece"; });

}  // namespace
