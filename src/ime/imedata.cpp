#include "ime/imedata.h"

#include <QtGlobal>

#ifndef PAVILION_PINYIN_DICT_DEFAULT
#define PAVILION_PINYIN_DICT_DEFAULT "/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat"
#endif
#ifndef PAVILION_ZINNIA_MODEL_DEFAULT
#define PAVILION_ZINNIA_MODEL_DEFAULT "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"
#endif

namespace pavilion::ime {

namespace {

QString fromEnv(const char* name, const QString& fallback) {
    const QString v = qEnvironmentVariable(name);
    return v.isEmpty() ? fallback : v;
}

}  // namespace

QString defaultPinyinDictPath() {
    return QStringLiteral(PAVILION_PINYIN_DICT_DEFAULT);
}
QString defaultZinniaModelPath() {
    return QStringLiteral(PAVILION_ZINNIA_MODEL_DEFAULT);
}

QString pinyinDictPath() {
    return fromEnv(kPinyinDictEnv, defaultPinyinDictPath());
}
QString zinniaModelPath() {
    return fromEnv(kZinniaModelEnv, defaultZinniaModelPath());
}

}  // namespace pavilion::ime
