#pragma once
// What a resident wrote by hand: strokes in the order drawn, each the points the finger passed,
// on a writing box of width × height (the recognizer scales by the box, so give the real box).
//
// As JSON (pavilionctl ime handwriting, test fixtures):
//   {"width": 300, "height": 300,
//    "strokes": [ [[x,y],[x,y],…],      first stroke, at least one point
//                 [[x,y],…], … ]}       then the others, in writing order
// width and height: positive integers; x, y: numbers (rounded to integers), usually within the box
// with (0,0) top left.
#include <QByteArray>
#include <QList>
#include <QPoint>
#include <QString>
#include <optional>

namespace pavilion::ime {

using Stroke = QList<QPoint>;

struct Ink {
    int width = 300;
    int height = 300;
    QList<Stroke> strokes;
};

struct InkParseResult {
    std::optional<Ink> ink;  // set when the JSON is valid
    QString error;           // otherwise what is wrong, and where
};

// Reads the JSON format above. Errors name the position: "line 3, column 14 (offset 52): …" for
// JSON syntax, "strokes[2][0]: …" for a value of the wrong shape.
InkParseResult parseInkJson(const QByteArray& json);

QByteArray inkToJson(const Ink& ink);

}  // namespace pavilion::ime
