#pragma once
#include <QString>
#include <stdexcept>

namespace pavilion {

// Everything the store can refuse, with a kind the UI maps to plain words for residents.
class StoreError : public std::runtime_error {
public:
    enum class Kind {
        Busy,          // another writer held the database too long
        DiskFull,      // SQLITE_FULL / no space to write
        Io,            // the disk failed to read or write
        Corrupt,       // integrity check failed or file is not a database
        NewerSchema,   // made by a newer version of Pavilion
        Durability,    // WAL / synchronous=FULL could not be put in force
        NotFound,      // unknown tracking code, …
        Invalid,       // input refused by a rule
        Identity,      // data directory belongs to another terminal
        Other,
    };
    StoreError(Kind kind, const QString& message);
    Kind kind() const { return kind_; }
    QString message() const { return QString::fromStdString(what()); }
    // Plain words for the screen (zh_CN), without technical detail.
    QString residentMessage() const;

private:
    Kind kind_;
};

}  // namespace pavilion
