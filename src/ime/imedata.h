#pragma once
// Where the input engines' data files are. The defaults are the Debian package paths found at
// build time; environment variables override them (tests point at missing files, a deployment may
// ship its own dictionary).
#include <QString>

namespace pavilion::ime {

// System dictionary of the pinyin engine (dict_pinyin.dat from libgooglepinyin0).
inline constexpr char kPinyinDictEnv[] = "PAVILION_PINYIN_DICT";
// Handwriting model for zinnia (handwriting-zh_CN.model from tegaki-zinnia-simplified-chinese).
inline constexpr char kZinniaModelEnv[] = "PAVILION_ZINNIA_MODEL";

// $PAVILION_PINYIN_DICT when set and not empty, else the built-in default.
QString pinyinDictPath();
// $PAVILION_ZINNIA_MODEL when set and not empty, else the built-in default.
QString zinniaModelPath();

QString defaultPinyinDictPath();
QString defaultZinniaModelPath();

}  // namespace pavilion::ime
