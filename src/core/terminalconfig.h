#pragma once
// One JSON file per terminal (kiosk-config/*.json, schema in kiosk-config/schema.json).
// A bad file is refused with the file, the field and what is wrong; a required field never gets a
// silent default.
#include <QList>
#include <QString>
#include <QStringList>
#include <stdexcept>

#include "core/category.h"

namespace pavilion {

enum class TerminalRole { Pavilion, MeetingRoom, Board };
QString roleKey(TerminalRole r);

struct Building {
    QString name;
    QStringList units;
};

struct Compound {
    QString name;
    QList<Building> buildings;
    QStringList publicAreas;
};

struct SyncSettings {
    QString serverUrl;        // empty: sync off
    int intervalSeconds = 60;
    QString caFile;           // PEM bundle; empty: system store
    QString pinnedKeySha256;  // optional public-key pin, "sha256//…"
    QString deviceSecretFile; // where the enrolment secret lives
};

struct TerminalConfig {
    QString sourceFile;
    QString terminalId;
    TerminalRole role = TerminalRole::Pavilion;
    QString communityName;
    QString venue;
    QList<Compound> compounds;
    QStringList communityAreas;  // public areas that belong to no single compound
    QList<Category> categories;
    int idleTimeoutSeconds = 90;
    QString language;
    QString trackingUrlTemplate;  // contains {code}
    SyncSettings sync;

    QString trackingUrl(const QString& code) const;
    const Category* category(const QString& id) const;

    // Throws ConfigError.
    static TerminalConfig load(const QString& path);
    static TerminalConfig parse(const QByteArray& json, const QString& fileName);
};

class ConfigError : public std::runtime_error {
public:
    ConfigError(QString file, QString field, QString problem);
    QString file, field, problem;
    QString message() const;  // "config FILE: field FIELD: PROBLEM"
};

}  // namespace pavilion
