#include "sync/server/centralstore.h"

#include "sync/server/sqlitecentralstore.h"

namespace pavilion::central {

std::unique_ptr<CentralStore> openCentralStore(const QString& spec, QString* error) {
    const QString sqlite = QStringLiteral("sqlite:");
    if (spec.startsWith(sqlite)) {
        const QString path = spec.mid(sqlite.size());
        if (path.isEmpty()) {
            *error = QStringLiteral(
                "--db sqlite: needs a file path, e.g. sqlite:/var/lib/pavilion/central.db");
            return nullptr;
        }
        return SqliteCentralStore::open(path);
    }
    *error =
        QStringLiteral("--db \"%1\" is not a store this build knows; use sqlite:PATH").arg(spec);
    return nullptr;
}

}  // namespace pavilion::central
