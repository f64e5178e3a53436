#pragma once
// Pinyin input over Google's pinyin engine (the Android engine, packaged by Debian as
// libgooglepinyin0). Typing "xiashuidao" gives 下水道, 下水, 下, 夏 …; choosing a candidate fixes
// the first syllables and the rest is searched again, until the whole spelling is fixed.
//
// The engine keeps one decoder in global state, so one PinyinEngine per process holds it at a
// time; a second one reports available() == false until the first is destroyed. Every call locks a
// process-wide mutex, so the engine may be used from any thread, one conversation at a time.
#include <QString>
#include <QStringList>

#include "ime/imedata.h"

namespace pavilion::ime {

class PinyinEngine {
public:
    // The engine keeps at most this many letters of a spelling and drops the rest.
    static constexpr int kMaxSpellingLength = 39;
    // Candidates per page when paging with page()/pageCount().
    static constexpr int kDefaultPageSize = 5;

    // dictPath: the system dictionary (dict_pinyin.dat). userDictPath: a file in which the engine
    // learns the phrases residents choose; empty (the default) learns nothing, which suits a
    // public kiosk — one resident's words should not come first for the next.
    explicit PinyinEngine(const QString& dictPath = pinyinDictPath(),
                          const QString& userDictPath = {});
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    bool available() const { return open_; }
    // Why the engine is unavailable (names the missing or unreadable file); empty when available.
    QString errorString() const { return error_; }
    QString dictPath() const { return dictPath_; }

    // Starts a new search for spelling: letters a–z (case ignored; ü may be typed as v or ü) and '
    // between syllables ("xi'an"). Returns the number of candidates; 0 when the spelling is empty,
    // holds other characters, or matches nothing. Candidate 0 is usually the whole sentence.
    int search(const QString& spelling);
    // Forgets the current search and its choices.
    void reset();

    int candidateCount() const;
    // Candidate index (0 … candidateCount()-1), or an empty string when out of range.
    QString candidate(int index) const;
    // count candidates from first (fewer at the end; none past the end).
    QStringList candidates(int first, int count) const;
    // Page number page (0-based) of pageSize candidates, and how many pages there are.
    QStringList page(int page, int pageSize = kDefaultPageSize) const;
    int pageCount(int pageSize = kDefaultPageSize) const;

    // Fixes candidate index. If it covers only the first syllables, the remaining syllables are
    // searched again: candidate 0 becomes fixed text + best sentence for the rest, the others are
    // words for the next syllables. Returns the new candidate count.
    int choose(int index);
    // Undoes the last choose(). Returns the new candidate count.
    int cancelLastChoice();
    // Number of Chinese characters fixed so far by choose().
    int fixedLength() const;
    // True when choices cover the whole spelling: composition() is then the text to commit.
    bool isComplete() const;
    // Candidate 0: fixed text followed by the best guess for the rest.
    QString composition() const;

    // The spelling as the engine keeps it (at most kMaxSpellingLength letters) and how many of its
    // letters it could split into syllables (the rest is not pinyin, e.g. "xiaqq").
    QString spelling() const;
    int decodedLength() const;
    // The kept spelling with ' between syllables ("xia'shui'dao"), for showing while composing.
    QString segmentedSpelling() const;

    // Associated words (联想) that may follow history, the text just committed: "漏" → 洞, 水, ….
    // The engine looks at the last few characters only. Duplicates removed, at most max. For a
    // history of two or more characters the engine puts its ten everyday words (的 了 你 在 …)
    // first whatever the history; they are moved to the end, after the words that follow the
    // history.
    QStringList predictions(const QString& history, int max = 20) const;

private:
    QStringList rawPredictions(const QString& history) const;  // caller holds the engine mutex

    QString dictPath_;
    QStringList everyday_;  // the engine's fallback predictions (see predictions())
    QString error_;
    bool open_ = false;
    int count_ = 0;  // candidates of the current search
};

}  // namespace pavilion::ime
