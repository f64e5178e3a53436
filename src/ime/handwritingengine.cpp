#include "ime/handwritingengine.h"

#include <zinnia.h>

#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>

namespace pavilion::ime {

HandwritingEngine::HandwritingEngine(const QString& modelPath) : modelPath_(modelPath) {
    if (modelPath.isEmpty()) {
        error_ = QStringLiteral("no handwriting model path given");
        return;
    }
    if (!QFileInfo::exists(modelPath)) {
        error_ = QStringLiteral(
                     "handwriting model %1 is missing (package tegaki-zinnia-simplified-chinese)")
                     .arg(modelPath);
        return;
    }
    std::unique_ptr<zinnia::Recognizer> r(zinnia::Recognizer::create());
    if (!r) {
        error_ = QStringLiteral("zinnia could not create a recognizer");
        return;
    }
    // zinnia checks the model's magic number and version itself and says why it refuses.
    if (!r->open(QFile::encodeName(modelPath).constData())) {
        error_ = QStringLiteral("handwriting model %1 could not be loaded: %2")
                     .arg(modelPath, QString::fromLocal8Bit(r->what()));
        return;
    }
    if (r->size() == 0) {
        error_ = QStringLiteral("handwriting model %1 holds no characters").arg(modelPath);
        return;
    }
    recognizer_ = std::move(r);
}

HandwritingEngine::~HandwritingEngine() = default;

QList<HandwritingCandidate> HandwritingEngine::recognize(const Ink& ink, int maxResults) const {
    QList<HandwritingCandidate> out;
    if (!recognizer_ || ink.strokes.isEmpty() || maxResults <= 0) return out;
    std::unique_ptr<zinnia::Character> c(zinnia::Character::create());
    if (!c) return out;
    // zinnia scales every point by the box, so the box must be the one the resident wrote in.
    c->set_width(size_t(qMax(1, ink.width)));
    c->set_height(size_t(qMax(1, ink.height)));
    size_t id = 0;
    for (const Stroke& s : ink.strokes) {
        if (s.isEmpty()) continue;  // a tap that left no point is no stroke
        for (const QPoint& p : s) c->add(id, p.x(), p.y());
        ++id;
    }
    if (id == 0) return out;
    QMutexLocker lock(&mutex_);
    std::unique_ptr<zinnia::Result> r(recognizer_->classify(*c, size_t(maxResults)));
    if (!r) return out;
    for (size_t i = 0; i < r->size(); ++i)
        out.append(HandwritingCandidate{QString::fromUtf8(r->value(i)), r->score(i)});
    return out;
}

QStringList HandwritingEngine::recognizeText(const Ink& ink, int maxResults) const {
    QStringList out;
    for (const HandwritingCandidate& c : recognize(ink, maxResults)) out.append(c.text);
    return out;
}

}  // namespace pavilion::ime
