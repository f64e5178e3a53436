// core/serverorigin: the central server's address, https anywhere, plain http only to this machine.
#include <gtest/gtest.h>

#include "core/serverorigin.h"
#include "testsupport.h"

using namespace pavilion;

TEST(ServerOrigin, HttpsAnywhereWithDefaultOrGivenPort) {
    ServerOrigin o;
    QString why;
    ASSERT_TRUE(parseServerOrigin(QStringLiteral("https://central.yayuan.example"), &o, &why)) << why.toStdString();
    EXPECT_EQ(o.scheme, QStringLiteral("https"));
    EXPECT_EQ(o.host, QStringLiteral("central.yayuan.example"));
    EXPECT_EQ(o.port, 443);
    EXPECT_EQ(o.text(), QStringLiteral("https://central.yayuan.example:443"));
    ASSERT_TRUE(parseServerOrigin(QStringLiteral("HTTPS://10.0.0.5:8443/"), &o, &why)) << why.toStdString();
    EXPECT_EQ(o.port, 8443);
    EXPECT_EQ(o.text(), QStringLiteral("https://10.0.0.5:8443"));
}

TEST(ServerOrigin, PlainHttpOnlyToLoopback) {
    ServerOrigin o;
    QString why;
    for (const char* ok : {"http://127.0.0.1:8780", "http://127.1.2.3", "http://localhost:1", "http://[::1]:8780"}) {
        EXPECT_TRUE(parseServerOrigin(QString::fromLatin1(ok), &o, &why)) << ok << ": " << why.toStdString();
    }
    EXPECT_EQ(o.text(), QStringLiteral("http://[::1]:8780"));
    for (const char* bad : {"http://192.168.1.2", "http://128.0.0.1", "http://127.0.0.1.evil.example",
                            "http://localhost.example", "http://[::2]", "http://127.0.0.256"}) {
        EXPECT_FALSE(parseServerOrigin(QString::fromLatin1(bad), &o, &why)) << bad;
        EXPECT_TRUE(why.contains(QStringLiteral("https://"))) << why.toStdString();
    }
}

TEST(ServerOrigin, OnlyAnOrigin) {
    QString why;
    for (const char* bad : {"https://central.example/v1", "https://central.example?x=1", "https://central.example#a",
                            "https://user:pw@central.example", "central.example", "", "https://", "file:///etc/passwd"}) {
        why.clear();
        EXPECT_FALSE(parseServerOrigin(QString::fromLatin1(bad), nullptr, &why)) << bad;
        EXPECT_FALSE(why.isEmpty()) << bad;
    }
}

TEST(ServerOrigin, LoopbackHosts) {
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("127.0.0.1")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("LOCALHOST")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("::1")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("0.0.0.0")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("127.0.0")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("example.com")));
}
