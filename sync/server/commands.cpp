#include "sync/server/commands.h"

#include "storage/storeerror.h"
#include "sync/server/centralstore.h"
#include "sync/server/devicecommands.h"
#include "sync/server/exitcodes.h"
#include "sync/server/serve.h"

namespace pavilion::central {

int run(const QStringList& args, QTextStream& out, QTextStream& err) {
    Options options;
    QString error;
    if (!parseOptions(args, &options, &error)) {
        err << "pavilion-central: " << error << "\n(pavilion-central --help shows the usage)"
            << Qt::endl;
        return Usage;
    }
    switch (options.command) {
        case Command::Help:
            out << usageText() << Qt::flush;
            return Ok;
        case Command::Serve:
            return serve(options, out, err);
        default:
            break;
    }
    if (options.command == Command::DeviceAdd && !checkDeviceAdd(options, &error)) {
        err << "pavilion-central: " << error << Qt::endl;
        return Usage;
    }
    try {
        std::unique_ptr<CentralStore> store = openCentralStore(options.db, &error);
        if (!store) {
            err << "pavilion-central: " << error << Qt::endl;
            return Usage;
        }
        switch (options.command) {
            case Command::DeviceAdd:
                return deviceAdd(*store, options, out, err);
            case Command::DeviceRevoke:
                return deviceRevoke(*store, options, out, err);
            case Command::DeviceList:
                return deviceList(*store, out);
            case Command::Conflicts:
                return listConflicts(*store, out);
            default:
                return Failed;
        }
    } catch (const StoreError& e) {
        err << "pavilion-central: cannot use the store: " << e.message() << Qt::endl;
        return StoreOrConfig;
    }
}

}  // namespace pavilion::central
