#pragma once
// The embedded store: one SQLite file with the product's schema (events and the projection, so the
// server computes the same state as terminals) plus the server's own tables. One connection, used
// under a mutex: SQLite has one writer anyway, and Database's statement cache is not thread-safe.
#include <memory>
#include <mutex>

#include "storage/database.h"
#include "sync/server/centralstore.h"

namespace pavilion::central {

class SqliteCentralStore : public CentralStore {
public:
    // Opens (creating if needed) and migrates both schemas. Throws StoreError.
    static std::unique_ptr<SqliteCentralStore> open(const QString& path);

    bool addDevice(const DeviceRecord& device) override;
    bool revokeDevice(const QString& id, const QDateTime& at) override;
    std::optional<DeviceRecord> findDevice(const QString& id) override;
    QList<DeviceRecord> devices() override;
    bool rememberNonce(const QString& device, const QByteArray& nonce,
                       qint64 nowUnixSeconds) override;
    sync::PushReply push(const QString& device, const QList<Event>& events,
                         const QDateTime& receivedAt) override;
    sync::PullPage pull(qint64 after, int limit, qsizetype maxPageBytes) override;
    QList<ConflictRecord> conflicts() override;

    // The version of the server's own tables this build writes (meta key "central_schema").
    static int schemaVersion();

private:
    explicit SqliteCentralStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
    void migrateCentralSchema();
    void keepConflict(const Event& e, const QString& device, const QString& receivedAt,
                      const QString& reason);
    void project(const Event& e);

    std::mutex mutex_;
    std::unique_ptr<Database> db_;
};

}  // namespace pavilion::central
