#pragma once
// A running pavilion-central with two enrolled devices, kiosk-a and kiosk-b, and a signed client
// for each: the starting point of the push and pull tests.
#include <gtest/gtest.h>

#include "centralprocess.h"
#include "httpclient.h"

namespace pavilion::testing {

class TwoDevicesTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(home_.valid());
        secretA_ = home_.enrol(QStringLiteral("kiosk-a"));
        secretB_ = home_.enrol(QStringLiteral("kiosk-b"));
        ASSERT_TRUE(home_.startServer(&server_));
    }
    void TearDown() override {
        if (server_.running()) {
            EXPECT_EQ(server_.stop(), 0) << server_.log().toStdString();
        }
    }
    SignedClient a() const { return SignedClient(server_.baseUrl(), QStringLiteral("kiosk-a"), secretA_); }
    SignedClient b() const { return SignedClient(server_.baseUrl(), QStringLiteral("kiosk-b"), secretB_); }

    CentralHome home_;
    CentralServer server_;
    QByteArray secretA_;
    QByteArray secretB_;
};

}  // namespace pavilion::testing
