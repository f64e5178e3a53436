#include "sync/server/options.h"

#include <QHash>

namespace pavilion::central {

namespace {

bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

// Which command each option belongs to; the empty list means every command.
struct OptionInfo {
    QString Options::*field;
    QList<Command> commands;
};

const QHash<QString, OptionInfo>& knownOptions() {
    static const QHash<QString, OptionInfo> options = {
        {QStringLiteral("--db"), {&Options::db, {}}},
        {QStringLiteral("--listen"), {&Options::listen, {Command::Serve}}},
        {QStringLiteral("--tls-cert"), {&Options::tlsCert, {Command::Serve}}},
        {QStringLiteral("--tls-key"), {&Options::tlsKey, {Command::Serve}}},
        {QStringLiteral("--role"), {&Options::role, {Command::DeviceAdd}}},
        {QStringLiteral("--server-url"), {&Options::serverUrl, {Command::DeviceAdd}}},
        {QStringLiteral("--secret-file"), {&Options::secretFile, {Command::DeviceAdd}}},
    };
    return options;
}

bool parseCommand(const QStringList& words, Options* o, QString* error) {
    const QString all = words.join(u' ');
    if (words.isEmpty() || words == QStringList{QStringLiteral("serve")}) {
        o->command = Command::Serve;
        return true;
    }
    if (words == QStringList{QStringLiteral("help")}) {
        o->command = Command::Help;
        return true;
    }
    if (words == QStringList{QStringLiteral("conflicts")}) {
        o->command = Command::Conflicts;
        return true;
    }
    if (words.first() != QLatin1String("device"))
        return fail(error, QStringLiteral("unknown command \"%1\"").arg(all));
    const QString sub = words.value(1);
    if (sub == QLatin1String("list") && words.size() == 2) {
        o->command = Command::DeviceList;
        return true;
    }
    if ((sub == QLatin1String("add") || sub == QLatin1String("revoke"))) {
        if (words.size() != 3)
            return fail(error,
                        QStringLiteral("\"device %1\" needs exactly one device id").arg(sub));
        o->command = sub == QLatin1String("add") ? Command::DeviceAdd : Command::DeviceRevoke;
        o->deviceId = words.at(2);
        return true;
    }
    return fail(error, QStringLiteral("unknown command \"%1\"; the device commands are "
                                      "\"device add ID\", \"device revoke ID\" and \"device list\"")
                           .arg(all));
}

}  // namespace

const QStringList& deviceRoles() {
    static const QStringList roles = {QStringLiteral("pavilion"), QStringLiteral("meeting-room"),
                                      QStringLiteral("board"), QStringLiteral("office")};
    return roles;
}

bool parseOptions(const QStringList& args, Options* out, QString* error) {
    Options o;
    QStringList words;
    QList<QString> given;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            out->command = Command::Help;
            return true;
        }
        if (!a.startsWith(QLatin1String("--"))) {
            words << a;
            continue;
        }
        // Both "--db X" and "--db=X".
        const qsizetype eq = a.indexOf(u'=');
        const QString name = eq < 0 ? a : a.left(eq);
        const auto it = knownOptions().constFind(name);
        if (it == knownOptions().constEnd())
            return fail(error, QStringLiteral("unknown option %1").arg(name));
        QString value;
        if (eq >= 0) {
            value = a.mid(eq + 1);
        } else {
            if (i + 1 >= args.size())
                return fail(error, QStringLiteral("%1 needs a value").arg(name));
            value = args.at(++i);
        }
        if (value.isEmpty()) return fail(error, QStringLiteral("%1 needs a value").arg(name));
        if (given.contains(name)) return fail(error, QStringLiteral("%1 is given twice").arg(name));
        given << name;
        o.*(it->field) = value;
    }
    if (!parseCommand(words, &o, error)) return false;
    for (const QString& name : given) {
        const QList<Command>& allowed = knownOptions().value(name).commands;
        if (!allowed.isEmpty() && !allowed.contains(o.command))
            return fail(error, QStringLiteral("%1 does not apply to this command").arg(name));
    }
    if (o.command == Command::Serve && o.tlsCert.isEmpty() != o.tlsKey.isEmpty())
        return fail(error,
                    QStringLiteral("--tls-cert and --tls-key go together: give both or neither"));
    if (o.command == Command::DeviceAdd) {
        if (o.role.isEmpty())
            return fail(error, QStringLiteral("\"device add\" needs --role (one of %1)")
                                   .arg(deviceRoles().join(QStringLiteral(", "))));
        if (!deviceRoles().contains(o.role))
            return fail(error, QStringLiteral("unknown role \"%1\"; the roles are %2")
                                   .arg(o.role, deviceRoles().join(QStringLiteral(", "))));
    }
    *out = std::move(o);
    return true;
}

QString usageText() {
    return QStringLiteral(
        "pavilion-central: the Pavilion sync server (sync/protocol/PROTOCOL.md)\n"
        "\n"
        "Usage:\n"
        "  pavilion-central [serve] [--db sqlite:PATH] [--listen HOST:PORT]\n"
        "                   [--tls-cert FILE --tls-key FILE]\n"
        "  pavilion-central [--db sqlite:PATH] device add ID --role ROLE\n"
        "                   [--server-url https://HOST[:PORT]] [--secret-file PATH]\n"
        "  pavilion-central [--db sqlite:PATH] device revoke ID\n"
        "  pavilion-central [--db sqlite:PATH] device list\n"
        "  pavilion-central [--db sqlite:PATH] conflicts\n"
        "\n"
        "  --db          the store (default sqlite:pavilion-central.db in the current directory)\n"
        "  --listen      address and port to serve on (default 127.0.0.1:8080; port 0 picks a\n"
        "                free one). Plain HTTP only on a loopback address; anything else needs\n"
        "                --tls-cert and --tls-key (PEM files).\n"
        "  --role        pavilion, meeting-room, board or office\n"
        "  --server-url  the server's origin as terminals reach it, for the config snippet\n"
        "  --secret-file also write the new device secret to this file (mode 0600)\n"
        "\n"
        "Exit codes: 0 ok, 1 failed, 2 usage, 3 no such device, 4 refused (id taken, file\n"
        "exists), 5 the store or a TLS file could not be used.\n");
}

}  // namespace pavilion::central
