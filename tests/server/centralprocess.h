#pragma once
// pavilion-central as a child process: run a command to completion, or start the server, wait for
// its "listening on" line and stop it (SIGTERM) or kill it (SIGKILL).
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>
#include <ostream>

namespace pavilion::testing {

struct CommandResult {
    int exit = -1;  // -2: crashed, -1: did not finish
    QString out;
    QString err;
};
std::ostream& operator<<(std::ostream& os, const CommandResult& r);

// pavilion-central ARGS… to completion.
CommandResult runCentral(const QStringList& args, int timeoutMs = 30000);

class CentralServer {
public:
    CentralServer() = default;
    ~CentralServer();
    CentralServer(const CentralServer&) = delete;
    CentralServer& operator=(const CentralServer&) = delete;

    // Starts `pavilion-central ARGS…` (stderr to `logFile`) and waits for the listening line.
    // False with the reason (including the server's stderr) when it exits or stays silent.
    bool start(const QStringList& args, const QString& logFile, QString* error);
    QString baseUrl() const { return baseUrl_; }  // "http://127.0.0.1:PORT" as printed
    bool running() const;
    // SIGTERM and wait; the exit code (-2 when it crashed, -1 when it did not stop).
    int stop();
    void kill9();
    QString log() const;  // what it wrote on stderr so far

private:
    std::unique_ptr<QProcess> process_;
    QString baseUrl_;
    QString logFile_;
};

// A temporary directory with the store and the server's log, and shortcuts for the commands.
class CentralHome {
public:
    CentralHome();
    bool valid() const { return dir_.isValid(); }
    QString path(const QString& name) const { return dir_.filePath(name); }
    QString dbPath() const { return path(QStringLiteral("central.db")); }
    QString dbSpec() const { return QStringLiteral("sqlite:") + dbPath(); }
    // device add ID --role ROLE; returns the secret printed (empty, with a test failure, if not).
    QByteArray enrol(const QString& id, const QString& role = QStringLiteral("pavilion"));
    CommandResult command(const QStringList& args);  // with --db added
    // Starts a plain-HTTP server on 127.0.0.1:0 (plus extra args); fails the test if it does not.
    bool startServer(CentralServer* server, const QStringList& extra = {});

private:
    QTemporaryDir dir_;
    int starts_ = 0;
};

// The secret from "device add" output ("  secret:    <64 hex>"), or empty.
QByteArray secretFromOutput(const QString& out);

}  // namespace pavilion::testing
