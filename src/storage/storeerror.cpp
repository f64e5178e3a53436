#include "storage/storeerror.h"

namespace pavilion {

StoreError::StoreError(Kind kind, const QString& message)
    : std::runtime_error(message.toStdString()), kind_(kind) {}

QString StoreError::residentMessage() const {
    switch (kind_) {
        case Kind::Busy: return QStringLiteral("系统正忙，刚才的内容没有保存。请稍等几秒再点一次。");
        case Kind::DiskFull: return QStringLiteral("终端存储空间已满，刚才的内容没有保存。请联系社区工作人员。");
        case Kind::Io: return QStringLiteral("终端存储出现故障，刚才的内容没有保存。请联系社区工作人员。");
        case Kind::Corrupt: return QStringLiteral("终端数据文件损坏，暂时不能保存。请联系社区工作人员。");
        case Kind::NotFound: return QStringLiteral("没有找到这条记录。");
        case Kind::Invalid: return message();
        default: return QStringLiteral("刚才的内容没有保存。请再试一次，或联系社区工作人员。");
    }
}

}  // namespace pavilion
