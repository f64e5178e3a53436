#pragma once
// The command line of pavilion-central. Options may come before or after the subcommand.
#include <QString>
#include <QStringList>

namespace pavilion::central {

enum class Command {
    Serve,  // the default when no subcommand is given
    DeviceAdd,
    DeviceRevoke,
    DeviceList,
    Conflicts,
    Help,
};

struct Options {
    Command command = Command::Serve;
    QString db = QStringLiteral("sqlite:pavilion-central.db");
    // serve
    QString listen = QStringLiteral("127.0.0.1:8080");
    QString tlsCert;
    QString tlsKey;
    // device add / revoke
    QString deviceId;
    QString role;
    QString serverUrl;
    QString secretFile;
};

// False with a plain message when the command line is wrong (exit code Usage).
bool parseOptions(const QStringList& args, Options* out, QString* error);

// The roles a device can be enrolled with: the terminal roles of kiosk-config/schema.json, and the
// office's desk.
const QStringList& deviceRoles();

QString usageText();

}  // namespace pavilion::central
