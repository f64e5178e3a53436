#include "sync/server/devicecommands.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <cerrno>
#include <cstring>

#include "core/clock.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/signing.h"
#include "sync/server/exitcodes.h"

namespace pavilion::central {

namespace {

// Suggested place for the secret on a terminal when the operator did not name one.
const QString kDefaultTerminalSecretFile = QStringLiteral("/etc/pavilion/device-secret");
const QString kPlaceholderServerUrl = QStringLiteral("https://CENTRAL-HOST:PORT");

bool isLoopbackHost(const QString& host) {
    if (host == QLatin1String("localhost")) return true;
    in_addr v4{};
    in6_addr v6{};
    const QByteArray text = host.toLatin1();
    if (inet_pton(AF_INET, text.constData(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    return inet_pton(AF_INET6, text.constData(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

// PROTOCOL.md §2: an origin without a path. Plain http only to this machine (the demo).
bool checkServerUrl(const QString& text, QString* error) {
    const QUrl url(text, QUrl::StrictMode);
    const bool loopback = isLoopbackHost(url.host());
    if (!url.isValid() || url.host().isEmpty() ||
        !(url.scheme() == QLatin1String("https") ||
          (url.scheme() == QLatin1String("http") && loopback))) {
        *error = QStringLiteral(
                     "--server-url \"%1\" must be https://HOST or https://HOST:PORT "
                     "(plain http only for localhost)")
                     .arg(text);
        return false;
    }
    if (!(url.path().isEmpty() || url.path() == QLatin1String("/")) || url.hasQuery() ||
        url.hasFragment() || !url.userInfo().isEmpty()) {
        *error = QStringLiteral(
                     "--server-url \"%1\" must be an origin only (scheme, host, port): "
                     "terminals add the paths themselves")
                     .arg(text);
        return false;
    }
    return true;
}

// Creates the file (refusing to replace one), readable by its owner only, and syncs it to disk.
bool writeSecretFile(const QString& path, const QByteArray& secret, QString* error) {
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot create %1: %2")
                     .arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    const QByteArray bytes = secret + '\n';
    // fchmod: the mode given to open() is reduced by the umask, and must be exactly 0600.
    const bool ok =
        fchmod(fd, 0600) == 0 &&
        ::write(fd, bytes.constData(), static_cast<size_t>(bytes.size())) == bytes.size() &&
        fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (!ok) {
        ::unlink(native.constData());
        *error = QStringLiteral("cannot write %1: %2")
                     .arg(path, QString::fromLocal8Bit(strerror(savedErrno)));
    }
    return ok;
}

QString column(const QString& text, int width) {
    return text.leftJustified(width) + u' ';
}

}  // namespace

bool checkDeviceAdd(const Options& options, QString* error) {
    if (!sync::isWellFormedDeviceId(options.deviceId.toUtf8())) {
        *error = QStringLiteral(
                     "\"%1\" is not a device id: use the terminal's id from its config "
                     "(a-z, 0-9 and '-', 2 to 63 characters, not starting with '-')")
                     .arg(options.deviceId);
        return false;
    }
    return options.serverUrl.isEmpty() || checkServerUrl(options.serverUrl, error);
}

int deviceAdd(CentralStore& store, const Options& options, QTextStream& out, QTextStream& err) {
    const QString& id = options.deviceId;
    if (store.findDevice(id)) {
        err << "pavilion-central: device \"" << id
            << "\" is already enrolled; its secret was not changed. "
               "To replace a terminal, enrol the new one under its own id."
            << Qt::endl;
        return Refused;
    }
    const QByteArray secret = sync::newDeviceSecret();
    QString secretFile;
    if (!options.secretFile.isEmpty()) {
        secretFile = QFileInfo(options.secretFile).absoluteFilePath();
        if (QFileInfo::exists(secretFile)) {
            err << "pavilion-central: " << secretFile
                << " already exists; not replacing it (remove it or choose another path)."
                << Qt::endl;
            return Refused;
        }
        QString error;
        if (!writeSecretFile(secretFile, secret, &error)) {
            err << "pavilion-central: " << error << Qt::endl;
            return Failed;
        }
    }
    DeviceRecord device{id, options.role, secret, isoUtc(QDateTime::currentDateTimeUtc()), {}};
    bool added = false;
    try {
        added = store.addDevice(device);
    } catch (...) {
        if (!secretFile.isEmpty()) QFile::remove(secretFile);
        throw;
    }
    if (!added) {  // enrolled by someone else in the meantime
        if (!secretFile.isEmpty()) QFile::remove(secretFile);
        err << "pavilion-central: device \"" << id << "\" is already enrolled." << Qt::endl;
        return Refused;
    }

    const QString serverUrl = options.serverUrl.isEmpty()        ? kPlaceholderServerUrl
                              : options.serverUrl.endsWith(u'/') ? options.serverUrl.chopped(1)
                                                                 : options.serverUrl;
    const QString terminalSecretFile =
        secretFile.isEmpty() ? kDefaultTerminalSecretFile : secretFile;
    const QJsonObject sync{{QStringLiteral("serverUrl"), serverUrl},
                           {QStringLiteral("deviceSecretFile"), terminalSecretFile}};
    QByteArray snippet = QJsonDocument(sync).toJson(QJsonDocument::Indented).trimmed();

    out << "Enrolled device \"" << id << "\" (role " << options.role << ").\n\n"
        << "  device id: " << id << "\n"
        << "  secret:    " << secret << "\n\n";
    if (!secretFile.isEmpty())
        out << "The secret is in " << secretFile << " (mode 0600). If the terminal is another "
            << "machine, copy that file to it, keep it readable only by the kiosk's user, and "
            << "set deviceSecretFile below to where you put it.\n\n";
    else
        out << "On the terminal, put the secret in a file only the kiosk's user can read:\n"
            << "  printf '%s\\n' " << secret << " > " << terminalSecretFile << "\n"
            << "  chmod 600 " << terminalSecretFile << "\n\n";
    out << "Then add this to the terminal's config file";
    if (options.serverUrl.isEmpty()) out << ", with this server's real address in serverUrl";
    out << ":\n\n\"sync\": " << snippet << "\n\n"
        << "Treat the secret like a password: anyone who has it can push events as \"" << id
        << "\". If it leaks, run: pavilion-central device revoke " << id << Qt::endl;
    return Ok;
}

int deviceRevoke(CentralStore& store, const Options& options, QTextStream& out, QTextStream& err) {
    const QString& id = options.deviceId;
    const std::optional<DeviceRecord> before = store.findDevice(id);
    if (!before) {
        err << "pavilion-central: there is no device \"" << id << "\" (see: device list)"
            << Qt::endl;
        return NotFound;
    }
    if (before->revoked()) {
        out << "Device \"" << id << "\" was already revoked at " << before->revokedAt << "."
            << Qt::endl;
        return Ok;
    }
    store.revokeDevice(id, QDateTime::currentDateTimeUtc());
    out << "Revoked device \"" << id
        << "\". Its next request is refused (403 forbidden); its events stay in the log."
        << Qt::endl;
    return Ok;
}

int deviceList(CentralStore& store, QTextStream& out) {
    const QList<DeviceRecord> devices = store.devices();
    if (devices.isEmpty()) {
        out << "No devices are enrolled. Enrol one with: pavilion-central device add ID --role ROLE"
            << Qt::endl;
        return Ok;
    }
    out << column(QStringLiteral("ID"), 32) << column(QStringLiteral("ROLE"), 12)
        << column(QStringLiteral("CREATED"), 24) << "REVOKED\n";
    for (const DeviceRecord& d : devices)
        out << column(d.id, 32) << column(d.role, 12) << column(d.createdAt, 24)
            << (d.revoked() ? d.revokedAt : QStringLiteral("-")) << "\n";
    out.flush();
    return Ok;
}

int listConflicts(CentralStore& store, QTextStream& out) {
    const QList<ConflictRecord> conflicts = store.conflicts();
    if (conflicts.isEmpty()) {
        out << "No conflicting events have been pushed." << Qt::endl;
        return Ok;
    }
    out << column(QStringLiteral("RECEIVED"), 24) << column(QStringLiteral("DEVICE"), 32)
        << column(QStringLiteral("EVENT"), 36) << "REASON\n";
    for (const ConflictRecord& c : conflicts)
        out << column(c.receivedAt, 24) << column(c.device, 32) << column(c.eventId, 36) << c.reason
            << "\n";
    out.flush();
    return Ok;
}

}  // namespace pavilion::central
