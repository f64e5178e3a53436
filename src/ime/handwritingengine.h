#pragma once
// Handwriting recognition with zinnia and the tegaki simplified Chinese model: strokes in, the
// likeliest characters out, best first. The model is loaded once per engine (26 MB, mapped
// by zinnia, so cheap to share); recognize() may be called from any thread.
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <memory>

#include "ime/imedata.h"
#include "ime/ink.h"

namespace zinnia {
class Recognizer;
}

namespace pavilion::ime {

struct HandwritingCandidate {
    QString text;  // one character
    float score;   // higher is better; only comparable within one recognize() call
};

class HandwritingEngine {
public:
    static constexpr int kDefaultResults = 10;

    explicit HandwritingEngine(const QString& modelPath = zinniaModelPath());
    ~HandwritingEngine();
    HandwritingEngine(const HandwritingEngine&) = delete;
    HandwritingEngine& operator=(const HandwritingEngine&) = delete;

    bool available() const { return recognizer_ != nullptr; }
    // Why the engine is unavailable (names the missing or unreadable model); empty when available.
    QString errorString() const { return error_; }
    QString modelPath() const { return modelPath_; }

    // At most maxResults characters, best first; none when unavailable or nothing was written.
    QList<HandwritingCandidate> recognize(const Ink& ink, int maxResults = kDefaultResults) const;
    QStringList recognizeText(const Ink& ink, int maxResults = kDefaultResults) const;

private:
    QString modelPath_;
    QString error_;
    std::unique_ptr<zinnia::Recognizer> recognizer_;
    mutable QMutex mutex_;  // zinnia does not promise that classify() is thread safe
};

}  // namespace pavilion::ime
