// Shared main for the unit test executables: a QCoreApplication exists for the whole run (QProcess,
// QTemporaryDir and the text codecs expect one).
#include <gtest/gtest.h>

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
