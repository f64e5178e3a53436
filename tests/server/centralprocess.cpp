#include "centralprocess.h"

#include <gtest/gtest.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

namespace pavilion::testing {

std::ostream& operator<<(std::ostream& os, const CommandResult& r) {
    return os << "exit " << r.exit << "\n--- stdout\n"
              << r.out.toStdString() << "--- stderr\n"
              << r.err.toStdString();
}

CommandResult runCentral(const QStringList& args, int timeoutMs) {
    QProcess p;
    p.setProgram(QStringLiteral(PAVILION_CENTRAL_PATH));
    p.setArguments(args);
    p.start();
    CommandResult r;
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("could not start ") + QStringLiteral(PAVILION_CENTRAL_PATH);
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out; stderr: ") + QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return r;
}

CentralServer::~CentralServer() {
    if (running()) kill9();
}

bool CentralServer::start(const QStringList& args, const QString& logFile, QString* error) {
    logFile_ = logFile;
    process_ = std::make_unique<QProcess>();
    process_->setProgram(QStringLiteral(PAVILION_CENTRAL_PATH));
    process_->setArguments(args);
    // A file, not a pipe: nobody reads the pipe while a test talks HTTP, and a full pipe would
    // block the server's logging.
    process_->setStandardErrorFile(logFile, QIODevice::Append);
    process_->start();
    if (!process_->waitForStarted(10000)) {
        *error = QStringLiteral("could not start ") + QStringLiteral(PAVILION_CENTRAL_PATH);
        return false;
    }
    static const QRegularExpression line(
        QStringLiteral("^pavilion-central listening on (https?://[^\\s]+)\n"));
    QByteArray out;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        process_->waitForReadyRead(100);
        out += process_->readAllStandardOutput();
        const auto m = line.match(QString::fromUtf8(out));
        if (m.hasMatch()) {
            baseUrl_ = m.captured(1);
            return true;
        }
        if (process_->state() == QProcess::NotRunning) break;
    }
    *error = QStringLiteral("no listening line; stdout: %1\nstderr: %2")
                 .arg(QString::fromUtf8(out), log());
    return false;
}

bool CentralServer::running() const {
    return process_ && process_->state() != QProcess::NotRunning;
}

int CentralServer::stop() {
    if (!process_) return -1;
    process_->terminate();
    if (!process_->waitForFinished(20000)) {
        process_->kill();
        process_->waitForFinished();
        return -1;
    }
    return process_->exitStatus() == QProcess::NormalExit ? process_->exitCode() : -2;
}

void CentralServer::kill9() {
    if (!process_) return;
    process_->kill();  // SIGKILL on Unix
    process_->waitForFinished(20000);
}

QString CentralServer::log() const {
    QFile f(logFile_);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

CentralHome::CentralHome() = default;

QByteArray secretFromOutput(const QString& out) {
    static const QRegularExpression secret(QStringLiteral("^  secret: +([0-9a-f]{64})$"),
                                           QRegularExpression::MultilineOption);
    const auto m = secret.match(out);
    return m.hasMatch() ? m.captured(1).toLatin1() : QByteArray();
}

CommandResult CentralHome::command(const QStringList& args) {
    return runCentral(QStringList{QStringLiteral("--db"), dbSpec()} + args);
}

QByteArray CentralHome::enrol(const QString& id, const QString& role) {
    const CommandResult r = command(
        {QStringLiteral("device"), QStringLiteral("add"), id, QStringLiteral("--role"), role});
    EXPECT_EQ(r.exit, 0) << r;
    const QByteArray secret = secretFromOutput(r.out);
    EXPECT_EQ(secret.size(), 64) << r;
    return secret;
}

bool CentralHome::startServer(CentralServer* server, const QStringList& extra) {
    QString error;
    const QString log = path(QStringLiteral("server-%1.log").arg(++starts_));
    const bool ok =
        server->start(QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                  QStringLiteral("--db"), dbSpec()} +
                          extra,
                      log, &error);
    EXPECT_TRUE(ok) << error.toStdString();
    return ok;
}

}  // namespace pavilion::testing
