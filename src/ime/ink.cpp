#include "ime/ink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <cmath>

namespace pavilion::ime {

namespace {

// Far beyond any screen, small enough for int arithmetic in the recognizer.
constexpr double kMaxCoordinate = 1e6;

InkParseResult fail(const QString& message) {
    return InkParseResult{std::nullopt, message};
}

QString position(const QByteArray& json, int offset) {
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((json.at(i) & 0xC0) != 0x80) {  // count characters, not UTF-8 bytes
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2 (offset %3)").arg(line).arg(column).arg(offset);
}

std::optional<int> boxSide(const QJsonObject& o, const QString& key, QString* error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined()) {
        *error = QStringLiteral("\"%1\" is missing (the writing box size)").arg(key);
        return std::nullopt;
    }
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d != std::floor(d) || d < 1 || d > kMaxCoordinate) {
        *error = QStringLiteral("\"%1\" must be a positive integer").arg(key);
        return std::nullopt;
    }
    return int(d);
}

}  // namespace

InkParseResult parseInkJson(const QByteArray& json) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1: %2").arg(position(json, pe.offset), pe.errorString()));
    if (!doc.isObject())
        return fail(
            QStringLiteral("expected an object {\"width\":W,\"height\":H,\"strokes\":[…]}"));
    const QJsonObject o = doc.object();
    Ink ink;
    QString error;
    const auto w = boxSide(o, QStringLiteral("width"), &error);
    if (!w) return fail(error);
    const auto h = boxSide(o, QStringLiteral("height"), &error);
    if (!h) return fail(error);
    ink.width = *w;
    ink.height = *h;
    const QJsonValue strokes = o.value(QStringLiteral("strokes"));
    if (strokes.isUndefined()) return fail(QStringLiteral("\"strokes\" is missing"));
    if (!strokes.isArray()) return fail(QStringLiteral("\"strokes\" must be an array of strokes"));
    const QJsonArray sa = strokes.toArray();
    if (sa.isEmpty()) return fail(QStringLiteral("\"strokes\" is empty: nothing was written"));
    for (qsizetype i = 0; i < sa.size(); ++i) {
        if (!sa.at(i).isArray())
            return fail(QStringLiteral("strokes[%1] must be an array of [x,y] points").arg(i));
        const QJsonArray pa = sa.at(i).toArray();
        if (pa.isEmpty()) return fail(QStringLiteral("strokes[%1] has no points").arg(i));
        Stroke stroke;
        stroke.reserve(pa.size());
        for (qsizetype j = 0; j < pa.size(); ++j) {
            const QJsonArray p = pa.at(j).toArray();
            if (!pa.at(j).isArray() || p.size() != 2 || !p.at(0).isDouble() || !p.at(1).isDouble())
                return fail(QStringLiteral("strokes[%1][%2] must be a point [x,y] of two numbers")
                                .arg(i)
                                .arg(j));
            const double x = p.at(0).toDouble(), y = p.at(1).toDouble();
            if (std::abs(x) > kMaxCoordinate || std::abs(y) > kMaxCoordinate)
                return fail(
                    QStringLiteral("strokes[%1][%2] is far outside the writing box").arg(i).arg(j));
            stroke.append(QPoint(int(std::lround(x)), int(std::lround(y))));
        }
        ink.strokes.append(stroke);
    }
    return InkParseResult{ink, {}};
}

QByteArray inkToJson(const Ink& ink) {
    QJsonArray strokes;
    for (const Stroke& s : ink.strokes) {
        QJsonArray points;
        for (const QPoint& p : s) points.append(QJsonArray{p.x(), p.y()});
        strokes.append(points);
    }
    const QJsonObject o{{QStringLiteral("width"), ink.width},
                        {QStringLiteral("height"), ink.height},
                        {QStringLiteral("strokes"), strokes}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

}  // namespace pavilion::ime
