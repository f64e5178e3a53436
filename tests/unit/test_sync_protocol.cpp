// sync/protocol: request signing, and the push/pull/error codec read as the other side would read
// it. Replies from the server are untrusted: every hostile shape must be refused with a message
// that names the problem.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <functional>

#include "core/event.h"
#include "sync/protocol/messages.h"
#include "sync/protocol/signing.h"
#include "testsupport.h"

using namespace pavilion;
using namespace pavilion::sync;

namespace {

const QDateTime kAt = QDateTime(QDate(2024, 5, 1), QTime(8, 30, 15, 250), Qt::UTC);
const QString kDevice = QStringLiteral("yayuan-pavilion-shuxiang");

Event event(qint64 seq, const QString& terminal = kDevice) {
    Event e = makeEvent(QLatin1String(events::kIssueSupported), terminal, kAt,
                        QJsonObject{{QStringLiteral("issue"), newUuid()},
                                    {QStringLiteral("text"), QStringLiteral("屋顶漏水😀 \"引号\"")}});
    e.terminalSeq = seq;
    return e;
}

QList<Event> someEvents(int n, const QString& terminal = kDevice) {
    QList<Event> out;
    for (int i = 1; i <= n; ++i) out.append(event(i, terminal));
    return out;
}

QByteArray json(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// ---- signing -------------------------------------------------------------------------------

// The secret, nonces, timestamp and bodies of the known-answer tests.
const QByteArray kSecret = "3f8a1c0e5b7d9f2a4c6e8b0d1f3a5c7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a";
constexpr qint64 kTimestamp = 1714552215;
const QByteArray kNonce = "00112233445566778899aabbccddeeff";
const QByteArray kEmptyPush = R"({"events":[]})";

}  // namespace

TEST(SyncSigning, BodyHashKnownAnswers) {
    // printf '' | openssl dgst -sha256 (the well-known SHA-256 of the empty string)
    EXPECT_EQ(bodyHash(QByteArray()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // printf '%s' '{"events":[]}' | openssl dgst -sha256
    EXPECT_EQ(bodyHash(kEmptyPush), "24de1c4a19c43ad41b013f13dcd858c17b0daa7f33a53f19913e5b11366d1c2e");
}

TEST(SyncSigning, StringToSignIsTheDocumentedLayout) {
    EXPECT_EQ(stringToSign("POST", "/v1/events:push", kTimestamp, kNonce, kEmptyPush),
              "POST\n/v1/events:push\n1714552215\n00112233445566778899aabbccddeeff\n"
              "24de1c4a19c43ad41b013f13dcd858c17b0daa7f33a53f19913e5b11366d1c2e");
}

TEST(SyncSigning, SignatureKnownAnswers) {
    // Computed independently when this test was written, with the OpenSSL command line and
    // cross-checked with python3's hmac module:
    //   KEY=3f8a1c0e…8f0a (kSecret, used as its 64 ASCII characters)
    //   BH=$(printf '%s' '{"events":[]}' | openssl dgst -sha256 -r | cut -d' ' -f1)
    //   printf 'POST\n/v1/events:push\n1714552215\n00112233445566778899aabbccddeeff\n%s' "$BH" |
    //     openssl dgst -sha256 -hmac "$KEY"
    EXPECT_EQ(signature(kSecret, "POST", "/v1/events:push", kTimestamp, kNonce, kEmptyPush),
              "8650b3d48e1696d5d672b3077c617a397dba12523a68d167f08f1722ddcc07e9");
    //   EH=$(printf '' | openssl dgst -sha256 -r | cut -d' ' -f1)
    //   printf 'GET\n/v1/events?after=0&limit=500\n1714552215\nffeeddccbbaa99887766554433221100\n%s' "$EH" |
    //     openssl dgst -sha256 -hmac "$KEY"
    EXPECT_EQ(signature(kSecret, "GET", pullPathAndQuery(0, 500), kTimestamp,
                        "ffeeddccbbaa99887766554433221100", QByteArray()),
              "14fe196dc724502fe443122d9b5a6eb2c8617c3af037a26dfae9de9ec811dbcf");
}

TEST(SyncSigning, VerifyAcceptsTheRightSignature) {
    const QByteArray sig = signature(kSecret, "POST", "/v1/events:push", kTimestamp, kNonce, kEmptyPush);
    EXPECT_TRUE(verifySignature(kSecret, "POST", "/v1/events:push", kTimestamp, kNonce, kEmptyPush, sig));
}

TEST(SyncSigning, EveryInputChangesTheSignature) {
    struct Input {
        const char* what;
        QByteArray secret = kSecret, method = "POST", path = "/v1/events:push";
        qint64 timestamp = kTimestamp;
        QByteArray nonce = kNonce, body = kEmptyPush;
    };
    const Input base{"base"};
    const QByteArray baseSig =
        signature(base.secret, base.method, base.path, base.timestamp, base.nonce, base.body);

    QList<Input> variants;
    Input v{"secret"};
    v.secret[0] = '4';
    variants.append(v);
    v = Input{"secret one byte shorter"};
    v.secret.chop(1);
    variants.append(v);
    v = Input{"method"};
    v.method = "PUT";
    variants.append(v);
    v = Input{"method case"};
    v.method = "post";
    variants.append(v);
    v = Input{"path"};
    v.path = "/v1/events";
    variants.append(v);
    v = Input{"query"};
    v.path = "/v1/events:push?x=1";
    variants.append(v);
    v = Input{"timestamp"};
    v.timestamp += 1;
    variants.append(v);
    v = Input{"nonce"};
    v.nonce[31] = 'e';
    variants.append(v);
    v = Input{"body"};
    v.body = R"({"events": []})";
    variants.append(v);
    v = Input{"empty body"};
    v.body.clear();
    variants.append(v);

    QSet<QByteArray> seen{baseSig};
    for (const Input& in : variants) {
        SCOPED_TRACE(in.what);
        const QByteArray sig = signature(in.secret, in.method, in.path, in.timestamp, in.nonce, in.body);
        EXPECT_FALSE(seen.contains(sig));
        seen.insert(sig);
        // The base signature presented for the changed request fails, and the other way round.
        EXPECT_FALSE(verifySignature(in.secret, in.method, in.path, in.timestamp, in.nonce, in.body, baseSig));
        EXPECT_FALSE(verifySignature(base.secret, base.method, base.path, base.timestamp, base.nonce, base.body, sig));
        EXPECT_TRUE(verifySignature(in.secret, in.method, in.path, in.timestamp, in.nonce, in.body, sig));
    }
}

TEST(SyncSigning, VerifyRefusesMalformedSignatures) {
    const QByteArray good = signature(kSecret, "GET", "/v1/events", kTimestamp, kNonce, {});
    ASSERT_EQ(good.size(), 64);
    QByteArray flipped = good;
    flipped[17] = flipped[17] == 'a' ? 'b' : 'a';
    QByteArray lastFlipped = good;
    lastFlipped[63] = lastFlipped[63] == '0' ? '1' : '0';
    const QList<QByteArray> bad{
        QByteArray(),
        good.left(63),
        good + "0",
        good + "\n",
        " " + good.left(63),
        good.toUpper(),
        QByteArray(64, 'g'),
        QByteArray(64, '0'),
        flipped,
        lastFlipped,
        QByteArray::fromHex(good),  // the raw 32 bytes instead of hex
        QByteArray(good).replace(0, 2, "0x"),
    };
    for (const QByteArray& b : bad) {
        SCOPED_TRACE(b.toStdString());
        EXPECT_FALSE(verifySignature(kSecret, "GET", "/v1/events", kTimestamp, kNonce, {}, b));
    }
    EXPECT_TRUE(verifySignature(kSecret, "GET", "/v1/events", kTimestamp, kNonce, {}, good));
}

TEST(SyncSigning, NoncesAre32LowercaseHexAndDiffer) {
    QSet<QByteArray> seen;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray n = newNonce();
        ASSERT_EQ(n.size(), 32) << n.toStdString();
        ASSERT_TRUE(isWellFormedNonce(n)) << n.toStdString();
        seen.insert(n);
    }
    EXPECT_EQ(seen.size(), 1000);
    EXPECT_FALSE(isWellFormedNonce(QByteArray(31, 'a')));
    EXPECT_FALSE(isWellFormedNonce(QByteArray(33, 'a')));
    EXPECT_FALSE(isWellFormedNonce(QByteArray(32, 'A')));
    EXPECT_FALSE(isWellFormedNonce(QByteArray(32, 'g')));
}

TEST(SyncSigning, DeviceSecretsAre64LowercaseHexAndDiffer) {
    const QByteArray a = newDeviceSecret();
    const QByteArray b = newDeviceSecret();
    EXPECT_TRUE(isWellFormedDeviceSecret(a)) << a.toStdString();
    EXPECT_TRUE(isWellFormedDeviceSecret(b));
    EXPECT_NE(a, b);
    EXPECT_TRUE(isWellFormedDeviceSecret(kSecret));
    EXPECT_FALSE(isWellFormedDeviceSecret(kSecret.toUpper()));
    EXPECT_FALSE(isWellFormedDeviceSecret(kSecret + "\n"));
}

TEST(SyncSigning, TimestampHasOneSpellingPerNumber) {
    qint64 t = -1;
    EXPECT_TRUE(parseTimestamp("1714552215", &t));
    EXPECT_EQ(t, kTimestamp);
    EXPECT_TRUE(parseTimestamp("0", &t));
    EXPECT_EQ(t, 0);
    EXPECT_EQ(formatTimestamp(kTimestamp), "1714552215");
    for (const char* bad : {"", "-1", "+1714552215", " 1714552215", "1714552215 ", "01714552215",
                            "1714552215.0", "1.7e9", "0x66320a17", "abc", "1234567890123456"}) {
        SCOPED_TRACE(bad);
        t = -7;
        EXPECT_FALSE(parseTimestamp(bad, &t));
        EXPECT_EQ(t, -7);
    }
}

TEST(SyncSigning, FreshnessWindowIsThreeHundredSecondsEitherWay) {
    EXPECT_TRUE(isFresh(kTimestamp, kTimestamp));
    EXPECT_TRUE(isFresh(kTimestamp - 300, kTimestamp));
    EXPECT_TRUE(isFresh(kTimestamp + 300, kTimestamp));
    EXPECT_FALSE(isFresh(kTimestamp - 301, kTimestamp));
    EXPECT_FALSE(isFresh(kTimestamp + 301, kTimestamp));
    EXPECT_FALSE(isFresh(0, kTimestamp));
}

TEST(SyncProtocol, DeviceIdsFollowTheTerminalIdPattern) {
    EXPECT_TRUE(isWellFormedDeviceId("yayuan-pavilion-shuxiang"));
    EXPECT_TRUE(isWellFormedDeviceId("b2"));
    EXPECT_TRUE(isWellFormedDeviceId(QByteArray(63, 'a')));
    for (const QByteArray& bad : {QByteArray("a"), QByteArray(64, 'a'), QByteArray("-abc"),
                                  QByteArray("Pavilion"), QByteArray("a b"), QByteArray("a\nb"),
                                  QByteArray("pavilion_1"), QByteArray()}) {
        SCOPED_TRACE(bad.toStdString());
        EXPECT_FALSE(isWellFormedDeviceId(bad));
    }
}

TEST(SyncProtocol, JsonContentType) {
    EXPECT_TRUE(isJsonContentType(kJsonContentType));
    EXPECT_TRUE(isJsonContentType("application/json"));
    EXPECT_TRUE(isJsonContentType("Application/JSON ; Charset=UTF-8"));
    EXPECT_FALSE(isJsonContentType("text/html; charset=utf-8"));
    EXPECT_FALSE(isJsonContentType("application/json; charset=gbk"));
    EXPECT_FALSE(isJsonContentType("application/jsonx"));
    EXPECT_FALSE(isJsonContentType(""));
}

// ---- errors --------------------------------------------------------------------------------

TEST(SyncErrors, EncodeGivesTheDocumentedShapeAndStatus) {
    const struct {
        ErrorCode code;
        const char* name;
        int status;
    } table[] = {
        {ErrorCode::BadRequest, "bad-request", 400}, {ErrorCode::Unauthorized, "unauthorized", 401},
        {ErrorCode::Stale, "stale", 401},            {ErrorCode::Replay, "replay", 401},
        {ErrorCode::Forbidden, "forbidden", 403},    {ErrorCode::NotFound, "not-found", 404},
        {ErrorCode::Conflict, "conflict", 409},      {ErrorCode::TooLarge, "too-large", 413},
        {ErrorCode::ServerError, "server-error", 500},
    };
    for (const auto& row : table) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(errorCodeName(row.code), row.name);
        EXPECT_EQ(httpStatus(row.code), row.status);
        ErrorCode back = ErrorCode::ServerError;
        ASSERT_TRUE(errorCodeFromName(QString::fromLatin1(row.name), &back));
        EXPECT_EQ(back, row.code);
        const QByteArray body = encodeError(row.code, QStringLiteral("时间不对 \"x\""));
        const QJsonObject inner = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
        EXPECT_EQ(inner.value(QStringLiteral("code")).toString(), QString::fromLatin1(row.name));
        EXPECT_EQ(inner.value(QStringLiteral("message")).toString(), QStringLiteral("时间不对 \"x\""));
        ErrorReply reply;
        QString error;
        ASSERT_TRUE(decodeError(body, &reply, &error)) << error.toStdString();
        EXPECT_EQ(reply.code, QString::fromLatin1(row.name));
        EXPECT_EQ(reply.message, QStringLiteral("时间不对 \"x\""));
    }
    ErrorCode unused;
    EXPECT_FALSE(errorCodeFromName(QStringLiteral("teapot"), &unused));
}

TEST(SyncErrors, DecodeKeepsUnknownCodesAndRefusesOtherShapes) {
    ErrorReply reply;
    QString error;
    ASSERT_TRUE(decodeError(R"({"error":{"code":"rate-limited","message":"later"},"extra":1})", &reply, &error));
    EXPECT_EQ(reply.code, QStringLiteral("rate-limited"));
    EXPECT_EQ(reply.message, QStringLiteral("later"));

    const QList<std::pair<QByteArray, QString>> bad{
        {"<html>502 Bad Gateway</html>", QStringLiteral("not valid JSON")},
        {R"({"error":"boom"})", QStringLiteral("\"error\" must be an object")},
        {R"({"error":{"message":"x"}})", QStringLiteral("\"code\" must be a non-empty string")},
        {R"({"error":{"code":"stale","message":5}})", QStringLiteral("\"message\" must be a string")},
    };
    for (const auto& [body, expected] : bad) {
        SCOPED_TRACE(body.toStdString());
        EXPECT_FALSE(decodeError(body, &reply, &error));
        EXPECT_TRUE(error.contains(expected)) << error.toStdString();
    }
}

// ---- push request (server side) ------------------------------------------------------------

TEST(SyncPushRequest, RoundTrip) {
    const QList<Event> sent = someEvents(3);
    QList<Event> got;
    ProtocolError error;
    ASSERT_TRUE(decodePushRequest(encodePushRequest(sent), kDevice, &got, &error)) << error.message.toStdString();
    ASSERT_EQ(got.size(), 3);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(got[i].id, sent[i].id);
        EXPECT_EQ(got[i].terminalSeq, i + 1);
        EXPECT_EQ(got[i].canonicalJson(), sent[i].canonicalJson());
    }
    ASSERT_TRUE(decodePushRequest(encodePushRequest({}), kDevice, &got, &error));
    EXPECT_TRUE(got.isEmpty());
}

TEST(SyncPushRequest, FiveHundredEventsAndABodyOfExactlyTheLimitAreAccepted) {
    QList<Event> got;
    ProtocolError error;
    ASSERT_TRUE(decodePushRequest(encodePushRequest(someEvents(500)), kDevice, &got, &error))
        << error.message.toStdString();
    EXPECT_EQ(got.size(), 500);

    QByteArray body = encodePushRequest(someEvents(2));
    body.append(QByteArray(kMaxPushBodyBytes - body.size(), ' '));  // trailing whitespace is JSON
    ASSERT_EQ(body.size(), kMaxPushBodyBytes);
    ASSERT_TRUE(decodePushRequest(body, kDevice, &got, &error)) << error.message.toStdString();
    EXPECT_EQ(got.size(), 2);
}

TEST(SyncPushRequest, RefusesAnEventFromAnotherTerminal) {
    QList<Event> sent = someEvents(3);
    sent[1].terminalId = QStringLiteral("dongyuan-board");
    QList<Event> got{event(99)};
    ProtocolError error;
    EXPECT_FALSE(decodePushRequest(encodePushRequest(sent), kDevice, &got, &error));
    EXPECT_EQ(error.code, ErrorCode::Forbidden);
    EXPECT_EQ(httpStatus(error.code), 403);
    EXPECT_TRUE(error.message.contains(QStringLiteral("events[1]"))) << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QStringLiteral("dongyuan-board"))) << error.message.toStdString();
    EXPECT_EQ(got.size(), 1);  // untouched
    EXPECT_EQ(got[0].terminalSeq, 99);
}

TEST(SyncPushRequest, Refuses501Events) {
    QList<Event> got;
    ProtocolError error;
    EXPECT_FALSE(decodePushRequest(encodePushRequest(someEvents(501)), kDevice, &got, &error));
    EXPECT_EQ(error.code, ErrorCode::TooLarge);
    EXPECT_EQ(httpStatus(error.code), 413);
    EXPECT_TRUE(error.message.contains(QStringLiteral("501 events"))) << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QStringLiteral("500"))) << error.message.toStdString();
}

TEST(SyncPushRequest, RefusesAnOversizeBody) {
    Event big = event(1);
    big.payload.insert(QStringLiteral("text"), QString(int(kMaxPushBodyBytes), u'x'));
    const QByteArray body = encodePushRequest({big});
    ASSERT_GT(body.size(), kMaxPushBodyBytes);
    QList<Event> got;
    ProtocolError error;
    EXPECT_FALSE(decodePushRequest(body, kDevice, &got, &error));
    EXPECT_EQ(error.code, ErrorCode::TooLarge);
    EXPECT_TRUE(error.message.contains(QStringLiteral("more than the limit of 4194304 bytes")))
        << error.message.toStdString();

    // One byte over, even if it is only whitespace.
    QByteArray padded = encodePushRequest(someEvents(1));
    padded.append(QByteArray(kMaxPushBodyBytes + 1 - padded.size(), ' '));
    EXPECT_FALSE(decodePushRequest(padded, kDevice, &got, &error));
    EXPECT_EQ(error.code, ErrorCode::TooLarge);
}

TEST(SyncPushRequest, RefusesMalformedBodiesSayingWhat) {
    const QList<Event> two = someEvents(2);
    QJsonObject badUuid = two[1].toJson();
    badUuid.insert(QStringLiteral("id"), QStringLiteral("not-a-uuid"));
    QJsonObject noZone = two[0].toJson();
    noZone.insert(QStringLiteral("at"), QStringLiteral("2024-05-01T08:30:15.250"));

    const struct {
        const char* what;
        QByteArray body;
        QString expected;
    } table[] = {
        {"not json", "{\"events\":[", QStringLiteral("not valid JSON")},
        {"array", "[]", QStringLiteral("must be a JSON object, got an array")},
        {"null", "null", QStringLiteral("must be a JSON object, got null")},
        {"empty", "", QStringLiteral("empty")},
        {"events missing", "{}", QStringLiteral("\"events\" must be an array")},
        {"events object", R"({"events":{}})", QStringLiteral("\"events\" must be an array, got an object")},
        {"event not object", R"({"events":[1]})", QStringLiteral("events[0] must be an object")},
        {"bad uuid", json({{"events", QJsonArray{two[0].toJson(), badUuid}}}), QStringLiteral("events[1]: event id must be a UUID")},
        {"no zone", json({{"events", QJsonArray{noZone}}}), QStringLiteral("events[0]: event at must be an ISO 8601 time")},
        {"id twice", json({{"events", QJsonArray{two[0].toJson(), two[1].toJson(), two[0].toJson()}}}),
         QStringLiteral("events[2] has the same id")},
    };
    for (const auto& row : table) {
        SCOPED_TRACE(row.what);
        QList<Event> got;
        ProtocolError error;
        EXPECT_FALSE(decodePushRequest(row.body, kDevice, &got, &error));
        EXPECT_EQ(error.code, ErrorCode::BadRequest);
        EXPECT_TRUE(error.message.contains(row.expected)) << error.message.toStdString();
    }
}

// ---- push reply (terminal side) ------------------------------------------------------------

namespace {

// A valid reply to pushing `sent` = 3 events: the first two stored/duplicate, the third a conflict.
struct PushFixture {
    QList<Event> sent = someEvents(3);
    QJsonObject reply() const {
        return QJsonObject{
            {QStringLiteral("results"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), sent[0].id}, {QStringLiteral("status"), QStringLiteral("stored")}, {QStringLiteral("serverSeq"), 41}},
                        QJsonObject{{QStringLiteral("id"), sent[1].id}, {QStringLiteral("status"), QStringLiteral("duplicate")}, {QStringLiteral("serverSeq"), 7}}}},
            {QStringLiteral("conflicts"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), sent[2].id}, {QStringLiteral("reason"), QStringLiteral("the server holds a different event with this id")}}}},
        };
    }
};

// Replaces one member of results[i] (or conflicts[i]); a null value removes the member.
QJsonObject withMember(QJsonObject reply, const char* list, int i, const char* key, const QJsonValue& v) {
    QJsonArray a = reply.value(QLatin1String(list)).toArray();
    QJsonObject o = a.at(i).toObject();
    if (v.isUndefined())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), v);
    a.replace(i, o);
    reply.insert(QLatin1String(list), a);
    return reply;
}

struct HostileReply {
    const char* name;
    std::function<QByteArray(const PushFixture&)> body;
    const char* expected;
};

void PrintTo(const HostileReply& h, std::ostream* os) { *os << h.name; }

QByteArray hugeButValid(const QJsonObject& reply) {
    QByteArray body = json(reply);
    body.chop(1);  // the closing '}'
    body += ",\"pad\":\"" + QByteArray(kMaxReplyBodyBytes, 'x') + "\"}";
    return body;
}

}  // namespace

TEST(SyncPushReply, ValidReplyIsAcceptedWithItsValues) {
    const PushFixture f;
    PushReply reply;
    QString error;
    ASSERT_TRUE(decodePushReply(json(f.reply()), f.sent, &reply, &error)) << error.toStdString();
    ASSERT_EQ(reply.results.size(), 2);
    EXPECT_EQ(reply.results[0].id, f.sent[0].id);
    EXPECT_EQ(reply.results[0].status, PushStatus::Stored);
    EXPECT_EQ(reply.results[0].serverSeq, 41);
    EXPECT_EQ(reply.results[1].id, f.sent[1].id);
    EXPECT_EQ(reply.results[1].status, PushStatus::Duplicate);
    EXPECT_EQ(reply.results[1].serverSeq, 7);
    ASSERT_EQ(reply.conflicts.size(), 1);
    EXPECT_EQ(reply.conflicts[0].id, f.sent[2].id);
    EXPECT_EQ(reply.conflicts[0].reason, QStringLiteral("the server holds a different event with this id"));
}

TEST(SyncPushReply, EncoderAndDecoderAgree) {
    const QList<Event> sent = someEvents(2);
    PushReply reply;
    reply.results = {{sent[1].id, PushStatus::Duplicate, qint64(1) << 40}};
    reply.conflicts = {{sent[0].id, QStringLiteral("不同的内容")}};
    PushReply back;
    QString error;
    ASSERT_TRUE(decodePushReply(encodePushReply(reply), sent, &back, &error)) << error.toStdString();
    ASSERT_EQ(back.results.size(), 1);
    EXPECT_EQ(back.results[0].serverSeq, qint64(1) << 40);
    EXPECT_EQ(back.results[0].status, PushStatus::Duplicate);
    ASSERT_EQ(back.conflicts.size(), 1);
    EXPECT_EQ(back.conflicts[0].reason, QStringLiteral("不同的内容"));
}

TEST(SyncPushReply, ExtraMembersAreIgnoredAndAnEmptyPushHasAnEmptyReply) {
    const PushFixture f;
    QJsonObject r = f.reply();
    r.insert(QStringLiteral("serverTime"), QStringLiteral("2024-05-01T08:30:15Z"));
    PushReply reply;
    QString error;
    EXPECT_TRUE(decodePushReply(json(r), f.sent, &reply, &error)) << error.toStdString();
    EXPECT_TRUE(decodePushReply(R"({"results":[],"conflicts":[]})", {}, &reply, &error)) << error.toStdString();
    EXPECT_TRUE(reply.results.isEmpty());
}

class HostilePushReply : public ::testing::TestWithParam<HostileReply> {};

TEST_P(HostilePushReply, IsRefusedNamingTheProblem) {
    const PushFixture f;
    PushReply reply;
    reply.conflicts.append({QStringLiteral("sentinel"), QStringLiteral("untouched")});
    QString error;
    EXPECT_FALSE(decodePushReply(GetParam().body(f), f.sent, &reply, &error));
    EXPECT_TRUE(error.contains(QString::fromUtf8(GetParam().expected))) << error.toStdString();
    ASSERT_EQ(reply.conflicts.size(), 1);
    EXPECT_EQ(reply.conflicts[0].id, QStringLiteral("sentinel"));
}

INSTANTIATE_TEST_SUITE_P(
    Sync, HostilePushReply,
    ::testing::Values(
        HostileReply{"GarbageBytes", [](const PushFixture&) { return QByteArray("\x00\xff\xfe garbage", 12); }, "not valid JSON"},
        HostileReply{"HtmlErrorPage", [](const PushFixture&) { return QByteArray("<html><body>502</body></html>"); }, "not valid JSON"},
        HostileReply{"Empty", [](const PushFixture&) { return QByteArray(); }, "empty"},
        HostileReply{"Null", [](const PushFixture&) { return QByteArray("null"); }, "must be a JSON object, got null"},
        HostileReply{"Number", [](const PushFixture&) { return QByteArray("200"); }, "must be a JSON object, got a number"},
        HostileReply{"Array", [](const PushFixture&) { return QByteArray("[]"); }, "must be a JSON object, got an array"},
        HostileReply{"TrailingGarbage", [](const PushFixture& f) { return json(f.reply()) + "}"; }, "not valid JSON"},
        HostileReply{"HugeBody", [](const PushFixture& f) { return hugeButValid(f.reply()); }, "more than the limit of 8388608 bytes"},
        HostileReply{"ResultsObject", [](const PushFixture& f) { QJsonObject r = f.reply(); r.insert(QStringLiteral("results"), QJsonObject{}); return json(r); }, "\"results\" must be an array, got an object"},
        HostileReply{"ConflictsMissing", [](const PushFixture& f) { QJsonObject r = f.reply(); r.remove(QStringLiteral("conflicts")); return json(r); }, "\"conflicts\" must be an array"},
        HostileReply{"ResultNotObject", [](const PushFixture& f) { QJsonObject r = f.reply(); QJsonArray a = r.value(QStringLiteral("results")).toArray(); a.replace(1, QStringLiteral("x")); r.insert(QStringLiteral("results"), a); return json(r); }, "results[1] must be an object, got a string"},
        HostileReply{"IdNumber", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "id", 5)); }, "results[0].id must be a string"},
        HostileReply{"UnknownId", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "id", newUuid())); }, "not one of the events sent"},
        HostileReply{"UnknownConflictId", [](const PushFixture& f) { return json(withMember(f.reply(), "conflicts", 0, "id", QStringLiteral("x%1%2"))); }, "conflicts[0] has id \"x%1%2\", which is not one of the events sent"},
        HostileReply{"DuplicateId", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 1, "id", f.sent[0].id)); }, "answered twice"},
        HostileReply{"IdInResultsAndConflicts", [](const PushFixture& f) { return json(withMember(f.reply(), "conflicts", 0, "id", f.sent[0].id)); }, "answered twice (again in conflicts[0])"},
        HostileReply{"MissingId", [](const PushFixture& f) { QJsonObject r = f.reply(); r.insert(QStringLiteral("conflicts"), QJsonArray{}); return json(r); }, "missing from both results and conflicts"},
        HostileReply{"StatusUnknown", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "status", QStringLiteral("accepted"))); }, "results[0].status must be \"stored\" or \"duplicate\", got \"accepted\""},
        HostileReply{"StatusMissing", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "status", QJsonValue::Undefined)); }, "results[0].status must be"},
        HostileReply{"SeqZero", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "serverSeq", 0)); }, "results[0].serverSeq must be a positive whole number, got 0"},
        HostileReply{"SeqNegative", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 1, "serverSeq", -3)); }, "results[1].serverSeq must be a positive whole number, got -3"},
        HostileReply{"SeqFraction", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "serverSeq", 1.5)); }, "serverSeq must be a positive whole number, got 1.5"},
        HostileReply{"SeqHuge", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "serverSeq", 1e300)); }, "serverSeq must be a positive whole number"},
        HostileReply{"SeqString", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "serverSeq", QStringLiteral("41"))); }, "serverSeq must be a positive whole number, got a string"},
        HostileReply{"SeqMissing", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 0, "serverSeq", QJsonValue::Undefined)); }, "serverSeq must be a positive whole number, got nothing"},
        HostileReply{"SeqTwice", [](const PushFixture& f) { return json(withMember(f.reply(), "results", 1, "serverSeq", 41)); }, "serverSeq 41 is given to two events"},
        HostileReply{"ReasonEmpty", [](const PushFixture& f) { return json(withMember(f.reply(), "conflicts", 0, "reason", QStringLiteral(" "))); }, "conflicts[0].reason must be a non-empty string"},
        HostileReply{"ReasonMissing", [](const PushFixture& f) { return json(withMember(f.reply(), "conflicts", 0, "reason", QJsonValue::Undefined)); }, "conflicts[0].reason must be a non-empty string, got nothing"}),
    [](const ::testing::TestParamInfo<HostileReply>& info) { return std::string(info.param.name); });

// ---- pull query (server side) and path (terminal side) -------------------------------------

TEST(SyncPullQuery, PathAndQueryRoundTrip) {
    EXPECT_EQ(pullPathAndQuery(0, 500), "/v1/events?after=0&limit=500");
    EXPECT_EQ(pullPathAndQuery(123456789012, 1), "/v1/events?after=123456789012&limit=1");
    const QByteArray pq = pullPathAndQuery(77, 1000);
    PullQuery q;
    ProtocolError error;
    ASSERT_TRUE(decodePullQuery(pq.mid(pq.indexOf('?') + 1), &q, &error)) << error.message.toStdString();
    EXPECT_EQ(q.after, 77);
    EXPECT_EQ(q.limit, 1000);
}

TEST(SyncPullQuery, DefaultsAndOrder) {
    PullQuery q;
    ProtocolError error;
    ASSERT_TRUE(decodePullQuery("", &q, &error));
    EXPECT_EQ(q.after, 0);
    EXPECT_EQ(q.limit, 500);
    ASSERT_TRUE(decodePullQuery("limit=1&after=9", &q, &error));
    EXPECT_EQ(q.after, 9);
    EXPECT_EQ(q.limit, 1);
    ASSERT_TRUE(decodePullQuery("after=5", &q, &error));
    EXPECT_EQ(q.limit, 500);
}

TEST(SyncPullQuery, RefusesBadParameters) {
    const struct {
        const char* query;
        const char* expected;
    } table[] = {
        {"after=-1", "\"after\" must be a whole number"},
        {"after=", "\"after\" must be a whole number"},
        {"after=1e3", "\"after\" must be a whole number"},
        {"after=%31", "\"after\" must be a whole number"},
        {"after=1&after=2", "\"after\" is given twice"},
        {"limit=0", "\"limit\" must be a whole number from 1 to 1000, got \"0\""},
        {"limit=1001", "from 1 to 1000"},
        {"limit=abc", "from 1 to 1000"},
        {"limit=5&limit=5", "\"limit\" is given twice"},
        {"afer=10", "unknown query parameter \"afer\""},
        {"after=1&", "unknown query parameter \"\""},
    };
    for (const auto& row : table) {
        SCOPED_TRACE(row.query);
        PullQuery q;
        q.after = 42;
        ProtocolError error;
        EXPECT_FALSE(decodePullQuery(row.query, &q, &error));
        EXPECT_EQ(error.code, ErrorCode::BadRequest);
        EXPECT_TRUE(error.message.contains(QString::fromUtf8(row.expected))) << error.message.toStdString();
        EXPECT_EQ(q.after, 42);
    }
}

// ---- pull reply (terminal side) ------------------------------------------------------------

namespace {

// A valid page after cursor 10 with limit 5: three events of two terminals at 11, 12 and 15.
struct PullFixture {
    qint64 after = 10;
    int limit = 5;
    QList<Event> evs{event(1), event(1, QStringLiteral("dongyuan-board")), event(2)};
    QList<qint64> seqs{11, 12, 15};
    QJsonObject reply() const {
        QJsonArray a;
        for (int i = 0; i < evs.size(); ++i) {
            QJsonObject o = evs[i].toJson();
            o.insert(QStringLiteral("serverSeq"), seqs[i]);
            a.append(o);
        }
        return QJsonObject{{QStringLiteral("events"), a}, {QStringLiteral("next"), 15}, {QStringLiteral("more"), true}};
    }
};

QJsonObject withEventMember(QJsonObject reply, int i, const char* key, const QJsonValue& v) {
    return withMember(std::move(reply), "events", i, key, v);
}

QJsonObject with(QJsonObject reply, const char* key, const QJsonValue& v) {
    if (v.isUndefined())
        reply.remove(QLatin1String(key));
    else
        reply.insert(QLatin1String(key), v);
    return reply;
}

struct HostilePull {
    const char* name;
    std::function<QByteArray(const PullFixture&)> body;
    const char* expected;
};

void PrintTo(const HostilePull& h, std::ostream* os) { *os << h.name; }

}  // namespace

TEST(SyncPullReply, ValidPageIsAcceptedWithItsValues) {
    const PullFixture f;
    PullPage page;
    QString error;
    ASSERT_TRUE(decodePullReply(json(f.reply()), f.after, f.limit, &page, &error)) << error.toStdString();
    ASSERT_EQ(page.events.size(), 3);
    EXPECT_EQ(page.serverSeqs, (QList<qint64>{11, 12, 15}));
    EXPECT_EQ(page.next, 15);
    EXPECT_TRUE(page.more);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(page.events[i].id, f.evs[i].id);
        // serverSeq is not part of the event: the canonical bytes are the terminal's.
        EXPECT_EQ(page.events[i].canonicalJson(), f.evs[i].canonicalJson());
    }
    EXPECT_EQ(page.events[1].terminalId, QStringLiteral("dongyuan-board"));
}

TEST(SyncPullReply, EmptyPageAtTheEndAndExactlyLimitEvents) {
    PullPage page;
    QString error;
    ASSERT_TRUE(decodePullReply(R"({"events":[],"next":10,"more":false})", 10, 500, &page, &error))
        << error.toStdString();
    EXPECT_TRUE(page.events.isEmpty());
    EXPECT_EQ(page.next, 10);
    EXPECT_FALSE(page.more);

    const PullFixture f;
    ASSERT_TRUE(decodePullReply(json(f.reply()), f.after, 3, &page, &error)) << error.toStdString();
    EXPECT_EQ(page.events.size(), 3);
}

TEST(SyncPullReply, EncoderAndDecoderAgree) {
    PullPage page;
    page.events = someEvents(2);
    page.serverSeqs = {1, qint64(1) << 40};
    page.next = qint64(1) << 40;
    page.more = false;
    const QByteArray body = encodePullReply(page);
    PullPage back;
    QString error;
    ASSERT_TRUE(decodePullReply(body, 0, 1000, &back, &error)) << error.toStdString();
    EXPECT_EQ(back.serverSeqs, page.serverSeqs);
    EXPECT_EQ(back.next, page.next);
    EXPECT_FALSE(back.more);
    ASSERT_EQ(back.events.size(), 2);
    EXPECT_EQ(back.events[1].canonicalJson(), page.events[1].canonicalJson());
    // On the wire, serverSeq sits beside the event's own fields.
    const QJsonObject first = QJsonDocument::fromJson(body).object().value(QStringLiteral("events")).toArray().at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("serverSeq")).toInteger(), 1);
    EXPECT_EQ(first.value(QStringLiteral("id")).toString(), page.events[0].id);
}

class HostilePullReply : public ::testing::TestWithParam<HostilePull> {};

TEST_P(HostilePullReply, IsRefusedNamingTheProblem) {
    const PullFixture f;
    PullPage page;
    page.next = -99;
    QString error;
    EXPECT_FALSE(decodePullReply(GetParam().body(f), f.after, f.limit, &page, &error));
    EXPECT_TRUE(error.contains(QString::fromUtf8(GetParam().expected))) << error.toStdString();
    EXPECT_EQ(page.next, -99);
    EXPECT_TRUE(page.events.isEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Sync, HostilePullReply,
    ::testing::Values(
        HostilePull{"GarbageBytes", [](const PullFixture&) { return QByteArray("\x1f\x8b\x08\x00 gzip?", 11); }, "not valid JSON"},
        HostilePull{"Null", [](const PullFixture&) { return QByteArray("null"); }, "must be a JSON object, got null"},
        HostilePull{"Array", [](const PullFixture& f) { return json(f.reply()).prepend('[').append(']'); }, "must be a JSON object, got an array"},
        HostilePull{"HugeBody", [](const PullFixture& f) { return hugeButValid(f.reply()); }, "more than the limit of 8388608 bytes"},
        HostilePull{"EventsString", [](const PullFixture& f) { return json(with(f.reply(), "events", QStringLiteral("[]"))); }, "\"events\" must be an array, got a string"},
        HostilePull{"NextMissing", [](const PullFixture& f) { return json(with(f.reply(), "next", QJsonValue::Undefined)); }, "\"next\" must be a whole number, got nothing"},
        HostilePull{"NextFraction", [](const PullFixture& f) { return json(with(f.reply(), "next", 15.5)); }, "\"next\" must be a whole number, got 15.5"},
        HostilePull{"MoreString", [](const PullFixture& f) { return json(with(f.reply(), "more", QStringLiteral("true"))); }, "\"more\" must be true or false, got a string"},
        HostilePull{"EventNotObject", [](const PullFixture& f) { QJsonObject r = f.reply(); QJsonArray a = r.value(QStringLiteral("events")).toArray(); a.replace(2, QJsonValue()); return json(with(r, "events", a)); }, "events[2] must be an object, got null"},
        HostilePull{"SeqMissing", [](const PullFixture& f) { return json(withEventMember(f.reply(), 1, "serverSeq", QJsonValue::Undefined)); }, "events[1].serverSeq must be a positive whole number, got nothing"},
        HostilePull{"SeqDecreasing", [](const PullFixture& f) { return json(withEventMember(f.reply(), 1, "serverSeq", 16)); }, "not strictly increasing: events[2] has 15 after 16"},
        HostilePull{"SeqRepeated", [](const PullFixture& f) { return json(withEventMember(f.reply(), 1, "serverSeq", 11)); }, "not strictly increasing: events[1] has 11 after 11"},
        HostilePull{"SeqEqualToAfter", [](const PullFixture& f) { return json(withEventMember(f.reply(), 0, "serverSeq", 10)); }, "events[0].serverSeq 10 is not after the cursor 10"},
        HostilePull{"SeqBeforeAfter", [](const PullFixture& f) { return json(withEventMember(f.reply(), 0, "serverSeq", 3)); }, "is not after the cursor 10"},
        HostilePull{"NextMismatch", [](const PullFixture& f) { return json(with(f.reply(), "next", 14)); }, "\"next\" is 14 but must be the last serverSeq returned, 15"},
        HostilePull{"NextBeyondLast", [](const PullFixture& f) { return json(with(f.reply(), "next", 1000)); }, "\"next\" is 1000 but must be the last serverSeq returned, 15"},
        HostilePull{"NextMovedOnEmptyPage", [](const PullFixture&) { return QByteArray(R"({"events":[],"next":11,"more":false})"); }, "\"next\" is 11 but no events came, so it must stay at the cursor 10"},
        HostilePull{"MoreOnEmptyPage", [](const PullFixture&) { return QByteArray(R"({"events":[],"next":10,"more":true})"); }, "\"more\" is true but no events came"},
        HostilePull{"BadUuid", [](const PullFixture& f) { return json(withEventMember(f.reply(), 1, "id", QStringLiteral("1234"))); }, "events[1]: event id must be a UUID"},
        HostilePull{"NoPayload", [](const PullFixture& f) { return json(withEventMember(f.reply(), 2, "payload", QJsonValue::Undefined)); }, "events[2]: event payload must be an object"},
        HostilePull{"SeqZeroInEvent", [](const PullFixture& f) { return json(withEventMember(f.reply(), 0, "seq", 0)); }, "events[0]: event seq must be a positive whole number"},
        HostilePull{"SameIdTwice", [](const PullFixture& f) { return json(withEventMember(f.reply(), 2, "id", f.evs[0].id)); }, "events[2] has the same id as events[0]"},
        HostilePull{"TooManyEvents", [](const PullFixture& f) {
            QJsonObject r = f.reply();
            QJsonArray a = r.value(QStringLiteral("events")).toArray();
            for (int i = 0; i < 3; ++i) {
                QJsonObject o = event(10 + i).toJson();
                o.insert(QStringLiteral("serverSeq"), 16 + i);
                a.append(o);
            }
            r.insert(QStringLiteral("next"), 18);
            return json(with(r, "events", a));
        }, "pull reply has 6 events, more than the limit of 5"}),
    [](const ::testing::TestParamInfo<HostilePull>& info) { return std::string(info.param.name); });
