#include "ctl/imecommands.h"

#include <QFile>

#include "ctl/commands.h"
#include "ime/handwritingengine.h"
#include "ime/ink.h"
#include "ime/pinyinengine.h"

namespace pavilion::ctl {

const char kImeUsage[] =
    "  ime pinyin SPELLING [--count N]          candidates for a pinyin spelling, one a line\n"
    "  ime predict TEXT [--count N]             words that may follow TEXT (联想), one a line\n"
    "  ime handwriting FILE.json [--count N]    characters for handwritten strokes, best first\n"
    "      FILE.json: {\"width\":W,\"height\":H,\"strokes\":[[[x,y],[x,y],…],…]}, strokes in "
    "writing order\n"
    "  ime status                               the engines' data files, and whether they load\n"
    "      ime needs no --data-dir; PAVILION_PINYIN_DICT and PAVILION_ZINNIA_MODEL override the "
    "data files\n";

namespace {

constexpr int kDefaultCount = 10;

struct ImeUsageError {
    QString message;
};

// Leading "--data-dir DIR" / "--config FILE" pairs: accepted and ignored by ime.
qsizetype commandIndex(const QStringList& args) {
    qsizetype i = 0;
    while (i + 1 < args.size() &&
           (args.at(i) == QLatin1String("--data-dir") || args.at(i) == QLatin1String("--config")))
        i += 2;
    return i;
}

// Takes "--count N" out of args.
int takeCount(QStringList& args) {
    const qsizetype i = args.indexOf(QStringLiteral("--count"));
    if (i < 0) return kDefaultCount;
    if (i + 1 >= args.size()) throw ImeUsageError{QStringLiteral("--count needs a value")};
    bool ok = false;
    const int n = args.at(i + 1).toInt(&ok);
    if (!ok || n < 1 || n > 1000)
        throw ImeUsageError{QStringLiteral("--count must be a number from 1 to 1000")};
    args.remove(i, 2);
    return n;
}

QString takeOne(QStringList& args, const QString& what) {
    if (args.isEmpty()) throw ImeUsageError{QStringLiteral("missing %1").arg(what)};
    if (args.size() > 1)
        throw ImeUsageError{QStringLiteral("unexpected argument \"%1\"").arg(args.at(1))};
    return args.takeFirst();
}

int pinyin(QStringList& args, QTextStream& out, QTextStream& err) {
    const int count = takeCount(args);
    const QString spelling = takeOne(args, QStringLiteral("a pinyin spelling"));
    for (const QChar c : spelling) {
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'\'' ||
                            c == u'ü' || c == u'Ü';
        if (!letter) {
            err << "pavilionctl: \"" << spelling
                << "\" is not a pinyin spelling: only letters a–z, ü (or v) and ' between "
                   "syllables\n";
            return Invalid;
        }
    }
    ime::PinyinEngine engine;
    if (!engine.available()) {
        err << "pavilionctl: pinyin unavailable: " << engine.errorString() << "\n";
        return Failed;
    }
    const int n = engine.search(spelling);
    if (spelling.size() > ime::PinyinEngine::kMaxSpellingLength)
        err << "pavilionctl: the engine keeps only the first "
            << ime::PinyinEngine::kMaxSpellingLength << " letters\n";
    if (n == 0) {
        err << "pavilionctl: no candidates for \"" << spelling << "\"\n";
        return Ok;
    }
    for (const QString& c : engine.candidates(0, count)) out << c << "\n";
    return Ok;
}

int predict(QStringList& args, QTextStream& out, QTextStream& err) {
    const int count = takeCount(args);
    const QString text = takeOne(args, QStringLiteral("the text to predict from"));
    ime::PinyinEngine engine;
    if (!engine.available()) {
        err << "pavilionctl: pinyin unavailable: " << engine.errorString() << "\n";
        return Failed;
    }
    for (const QString& w : engine.predictions(text, count)) out << w << "\n";
    return Ok;
}

int handwriting(QStringList& args, QTextStream& out, QTextStream& err) {
    const int count = takeCount(args);
    const QString path = takeOne(args, QStringLiteral("a strokes file (FILE.json)"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err << "pavilionctl: cannot read " << path << ": " << f.errorString() << "\n";
        return Invalid;
    }
    const ime::InkParseResult parsed = ime::parseInkJson(f.readAll());
    if (!parsed.ink) {
        err << "pavilionctl: " << path << " is not a strokes file: " << parsed.error << "\n";
        return Invalid;
    }
    const ime::HandwritingEngine engine;
    if (!engine.available()) {
        err << "pavilionctl: handwriting unavailable: " << engine.errorString() << "\n";
        return Failed;
    }
    for (const QString& c : engine.recognizeText(*parsed.ink, count)) out << c << "\n";
    return Ok;
}

int status(QStringList& args, QTextStream& out) {
    if (!args.isEmpty())
        throw ImeUsageError{QStringLiteral("unexpected argument \"%1\"").arg(args.first())};
    const ime::PinyinEngine pinyin;
    const ime::HandwritingEngine hand;
    out << "pinyin dictionary:  " << pinyin.dictPath() << "\n"
        << "pinyin:             "
        << (pinyin.available() ? QStringLiteral("ok") : pinyin.errorString()) << "\n"
        << "handwriting model:  " << hand.modelPath() << "\n"
        << "handwriting:        " << (hand.available() ? QStringLiteral("ok") : hand.errorString())
        << "\n";
    return pinyin.available() && hand.available() ? Ok : Failed;
}

}  // namespace

bool isImeCommand(const QStringList& args) {
    const qsizetype i = commandIndex(args);
    return i < args.size() && args.at(i) == QLatin1String("ime");
}

int runIme(const QStringList& all, QTextStream& out, QTextStream& err) {
    QStringList args = all.mid(commandIndex(all) + 1);
    try {
        if (args.isEmpty())
            throw ImeUsageError{
                QStringLiteral("missing an ime command (pinyin, predict, handwriting, status)")};
        const QString sub = args.takeFirst();
        if (sub == QLatin1String("--help") || sub == QLatin1String("help")) {
            out << "usage: pavilionctl ime COMMAND\n" << kImeUsage;
            return Ok;
        }
        if (sub == QLatin1String("pinyin")) return pinyin(args, out, err);
        if (sub == QLatin1String("predict")) return predict(args, out, err);
        if (sub == QLatin1String("handwriting")) return handwriting(args, out, err);
        if (sub == QLatin1String("status")) return status(args, out);
        throw ImeUsageError{QStringLiteral("unknown ime command \"%1\"").arg(sub)};
    } catch (const ImeUsageError& e) {
        err << "pavilionctl: " << e.message << "\nusage: pavilionctl ime COMMAND\n" << kImeUsage;
        return Usage;
    }
}

}  // namespace pavilion::ctl
