// storage/issuestore (+ the event log it writes): reporting, supporting, finding, similar issues,
// timelines and counts, each change with its event in one commit.
#include <gtest/gtest.h>

#include "core/category.h"
#include "core/textrules.h"
#include "core/trackingcode.h"
#include "issuestore_fixture.h"

using namespace pavilion;
using namespace pavilion::testing;

namespace {
QStringList codesOf(const QList<Issue>& issues) {
    QStringList out;
    for (const Issue& i : issues) out << i.code;
    return out;
}
}  // namespace

TEST_F(IssueStoreTest, ReportStoresExactlyOneIssueAndOneEvent) {
    ASSERT_EQ(issueRows(), 0);
    ASSERT_EQ(eventRows(), 0);
    const Issue i = store_->report(request());
    EXPECT_EQ(issueRows(), 1);
    EXPECT_EQ(eventRows(), 1);
    EXPECT_EQ(timelineRows(), 1);

    const QList<Event> log = EventLog(*db_).all();
    ASSERT_EQ(log.size(), 1);
    const Event& e = log.first();
    EXPECT_EQ(e.type, QLatin1String(events::kIssueReported));
    EXPECT_EQ(e.terminalId, kTerminal);
    EXPECT_EQ(e.terminalSeq, 1);
    EXPECT_EQ(e.occurredAt, kT0);
    EXPECT_EQ(e.payload.value(QStringLiteral("issueId")).toString(), i.id);
    EXPECT_EQ(e.payload.value(QStringLiteral("code")).toString(), i.code);
    EXPECT_EQ(e.payload.value(QStringLiteral("text")).toString(), i.text);
    EXPECT_EQ(e.payload.value(QStringLiteral("category")).toString(), QStringLiteral("roof-leak"));

    // What a second connection sees once report() has returned: both, committed.
    RawDb raw(dbPath());
    EXPECT_EQ(raw.integer(QStringLiteral("SELECT COUNT(*) FROM issues")), 1);
    EXPECT_EQ(raw.integer(QStringLiteral("SELECT COUNT(*) FROM events")), 1);
}

TEST_F(IssueStoreTest, ReportedIssueHasAValidCodeAndTheRequestedFields) {
    const Issue i = store_->report(request());
    EXPECT_TRUE(tracking::hasValidCheck(i.code)) << i.code.toStdString();
    EXPECT_TRUE(tracking::normalize(i.code).ok());
    EXPECT_FALSE(i.id.isEmpty());
    EXPECT_EQ(i.categoryId, QStringLiteral("roof-leak"));
    EXPECT_EQ(i.location, place(kShuxiang, QStringLiteral("3号楼"), QStringLiteral("2单元")));
    EXPECT_EQ(i.text, QStringLiteral("屋顶漏水，天花板一直往下滴水"));
    EXPECT_EQ(i.status, IssueStatus::Reported);
    EXPECT_EQ(i.supporters, 0);
    EXPECT_FALSE(i.hasPhone);
    EXPECT_EQ(i.reportedAt, kT0);
    EXPECT_EQ(i.updatedAt, kT0);
    EXPECT_EQ(i.terminalId, kTerminal);
    // Codes differ between issues.
    EXPECT_NE(store_->report(request()).code, i.code);
}

TEST_F(IssueStoreTest, EventsAreNumberedOneTwoThreePerTerminal) {
    const Issue a = store_->report(request());
    clock_.advanceSeconds(10);
    const Issue b = store_->report(request(QStringLiteral("下水道堵了"), place(kJingmo, QStringLiteral("2号楼")), QStringLiteral("drain-blocked")));
    clock_.advanceSeconds(10);
    store_->support(a.code);
    clock_.advanceSeconds(10);
    store_->report(request());
    // Another terminal writing to the same file (e.g. a board that also reports) numbers on its own.
    IssueStore other(*db_, QStringLiteral("yayuan-meeting-room"), clock_);
    other.support(b.code);

    QList<qint64> ownSeqs, otherSeqs;
    QStringList types;
    for (const Event& e : EventLog(*db_).all()) {
        (e.terminalId == kTerminal ? ownSeqs : otherSeqs) << e.terminalSeq;
        types << e.type;
    }
    EXPECT_EQ(ownSeqs, (QList<qint64>{1, 2, 3, 4}));
    EXPECT_EQ(otherSeqs, (QList<qint64>{1}));
    EXPECT_EQ(types, (QStringList{QStringLiteral("IssueReported"), QStringLiteral("IssueReported"), QStringLiteral("IssueSupported"),
                                  QStringLiteral("IssueReported"), QStringLiteral("IssueSupported")}));
}

TEST_F(IssueStoreTest, IssueAndEventCommitTogetherOrNotAtAll) {
    // Make the projection fail after the event row was written: the event must go too.
    db_->exec("CREATE TEMP TRIGGER fail_timeline BEFORE INSERT ON main.issue_timeline "
              "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    EXPECT_THROW(store_->report(request()), StoreError);
    EXPECT_EQ(issueRows(), 0);
    EXPECT_EQ(eventRows(), 0);
    EXPECT_EQ(timelineRows(), 0);
    db_->exec("DROP TRIGGER temp.fail_timeline");

    // No gap in the numbering after the failed attempt.
    store_->report(request());
    EXPECT_EQ(EventLog(*db_).all().value(0).terminalSeq, 1);
}

TEST_F(IssueStoreTest, SupportAndItsEventCommitTogetherOrNotAtAll) {
    const Issue i = store_->report(request());
    db_->exec("CREATE TEMP TRIGGER fail_timeline BEFORE INSERT ON main.issue_timeline "
              "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    EXPECT_THROW(store_->support(i.code), StoreError);
    EXPECT_EQ(store_->findByCode(i.code)->supporters, 0);
    EXPECT_EQ(eventRows(), 1);
    EXPECT_EQ(timelineRows(), 1);
}

TEST_F(IssueStoreTest, TextRoundTripsExactly) {
    const QStringList texts = {
        QStringLiteral("他说\"物业不管\"，她说'再等等'"),
        QStringLiteral("'); DROP TABLE issues;--"),
        QStringLiteral("1' OR '1'='1"),
        QStringLiteral("Robert\"); DELETE FROM events; --"),
        QStringLiteral("楼道灯坏了😀😀"),
        QStringLiteral("𠀀𠀁 这两个字是扩展B区的"),
        QStringLiteral("第一行\n第二行\n\n第四行"),
        QStringLiteral("%_ \\ 反斜杠和通配符"),
        QStringLiteral("👨‍👩‍👧 一家三口"),
    };
    QStringList codes;
    for (const QString& t : texts) codes << store_->report(request(t)).code;
    for (int n = 0; n < texts.size(); ++n) {
        const std::optional<Issue> back = store_->findByCode(codes.at(n));
        ASSERT_TRUE(back.has_value()) << n;
        EXPECT_EQ(back->text, texts.at(n));
        EXPECT_EQ(back->text.toUtf8(), texts.at(n).toUtf8());
    }
    // The tables are all still there and hold exactly what was reported.
    EXPECT_EQ(issueRows(), texts.size());
    EXPECT_EQ(eventRows(), texts.size());
    int n = 0;
    for (const Event& e : EventLog(*db_).all())
        EXPECT_EQ(e.payload.value(QStringLiteral("text")).toString(), texts.at(n++));
}

TEST_F(IssueStoreTest, ControlCharactersAreRemovedAndLineEndsNormalised) {
    const Issue i = store_->report(request(QStringLiteral("  水管\a漏水\x1b了\r\n快来\t看看\u0085 \n")));
    EXPECT_EQ(i.text, QStringLiteral("水管漏水了\n快来 看看"));
    EXPECT_EQ(store_->findByCode(i.code)->text, i.text);
    EXPECT_EQ(EventLog(*db_).all().first().payload.value(QStringLiteral("text")).toString(), i.text);
}

TEST_F(IssueStoreTest, LocationPartsAreCleaned) {
    const Issue i = store_->report(request(QStringLiteral("路灯不亮"), Location{QStringLiteral(" 书香雅苑 "), QStringLiteral("3号\a楼"), QStringLiteral("2\n单元"), {}}));
    EXPECT_EQ(i.location, (Location{kShuxiang, QStringLiteral("3号楼"), QStringLiteral("2 单元"), {}}));
}

TEST_F(IssueStoreTest, TextUpTo500CharactersIsAcceptedBeyondIsRefused) {
    EXPECT_EQ(store_->report(request(QStringLiteral("啊").repeated(text::kMaxDescription))).text.size(), 500);
    // 500 emoji are 1000 UTF-16 units but 500 characters as a person counts them.
    EXPECT_EQ(text::length(store_->report(request(QStringLiteral("😀").repeated(500))).text), 500);
    // Surrounding whitespace does not count.
    EXPECT_NO_THROW(store_->report(request(QStringLiteral("  ") + QStringLiteral("啊").repeated(500) + QStringLiteral("\n\n"))));
    const qint64 issues = issueRows();

    expectRefusedWithoutTrace(StoreError::Kind::Invalid, [&] { store_->report(request(QStringLiteral("啊").repeated(501))); }, "501 characters");
    expectRefusedWithoutTrace(StoreError::Kind::Invalid, [&] { store_->report(request(QStringLiteral("😀").repeated(501))); }, "501 emoji");
    expectRefusedWithoutTrace(StoreError::Kind::Invalid, [&] { store_->report(request(QStringLiteral("a").repeated(5000))); }, "5000 characters");
    EXPECT_EQ(issueRows(), issues);
}

TEST_F(IssueStoreTest, TextUnderTwoCharactersIsRefused) {
    for (const QString& t : {QString(), QStringLiteral("啊"), QStringLiteral("   "), QStringLiteral(" 啊 \a\n"), QStringLiteral("\x01\x02\x03")})
        expectRefusedWithoutTrace(StoreError::Kind::Invalid, [&] { store_->report(request(t)); }, "text \"" + t.toStdString() + "\"");
    EXPECT_EQ(store_->report(request(QStringLiteral("漏水"))).text, QStringLiteral("漏水"));
    EXPECT_EQ(store_->report(request(QStringLiteral("😀😀"))).text, QStringLiteral("😀😀"));
}

TEST_F(IssueStoreTest, BadPhoneIsRefusedAndNothingStored) {
    for (const QString& p : {QStringLiteral("1381234567"), QStringLiteral("138123456789"), QStringLiteral("12812345678"),
                             QStringLiteral("23812345678"), QStringLiteral("phone-me"), QStringLiteral("+8613812345678")})
        expectRefusedWithoutTrace(StoreError::Kind::Invalid,
                                  [&] { store_->report(request(QStringLiteral("屋顶漏水"), place(kShuxiang, QStringLiteral("1号楼")), QStringLiteral("roof-leak"), p)); },
                                  "phone " + p.toStdString());
}

TEST_F(IssueStoreTest, GoodPhoneIsStoredAsDigits) {
    const Issue withPhone = store_->report(request(QStringLiteral("屋顶漏水"), place(kShuxiang, QStringLiteral("1号楼")), QStringLiteral("roof-leak"),
                                                   QStringLiteral("138 1234-5678")));
    EXPECT_TRUE(withPhone.hasPhone);
    RawDb raw(dbPath());
    EXPECT_EQ(raw.text(QStringLiteral("SELECT phone FROM issues WHERE code='%1'").arg(withPhone.code)), QStringLiteral("13812345678"));
    const Issue blank = store_->report(request(QStringLiteral("屋顶漏水"), place(kShuxiang, QStringLiteral("1号楼")), QStringLiteral("roof-leak"),
                                               QStringLiteral("   ")));
    EXPECT_FALSE(blank.hasPhone);
    EXPECT_EQ(raw.integer(QStringLiteral("SELECT phone IS NULL FROM issues WHERE code='%1'").arg(blank.code)), 1);
}

TEST_F(IssueStoreTest, UnknownCategoryIsRefused) {
    for (const QString& c : {QStringLiteral("flying-cars"), QString(), QStringLiteral("ROOF-LEAK"), QStringLiteral("roof-leak ")})
        expectRefusedWithoutTrace(StoreError::Kind::Invalid, [&] { store_->report(request(QStringLiteral("屋顶漏水"), place(kShuxiang), c)); },
                                  "category \"" + c.toStdString() + "\"");
    for (const Category& c : standardCategories())
        EXPECT_EQ(store_->report(request(QStringLiteral("测试类别"), place(kShuxiang), c.id)).categoryId, c.id);
}

// Regression (was a bug in src/storage/issuestore.cpp:60): report() validates the category with findStandardCategory(),
// which also matches labels, and then stores r.categoryId verbatim. A request with the label
// "屋顶漏水" (as a demo file or a kiosk built from a label-as-id config would send) is stored with
// category "屋顶漏水" instead of the stable id "roof-leak", so `issues list --category roof-leak`,
// similar() and the server never see it. The store must either refuse it or store the id.
TEST_F(IssueStoreTest, CategoryIsAlwaysStoredAsItsStableId) {
    try {
        const Issue i = store_->report(request(QStringLiteral("屋顶漏水"), place(kShuxiang), QStringLiteral("屋顶漏水")));
        EXPECT_EQ(i.categoryId, QStringLiteral("roof-leak"));
        EXPECT_EQ(store_->similar(QStringLiteral("roof-leak"), place(kShuxiang)).size(), 1);
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreError::Kind::Invalid);
        EXPECT_EQ(issueRows(), 0);
    }
}

TEST_F(IssueStoreTest, EmptyOrOverlongLocationIsRefused) {
    const QList<Location> empty = {
        Location{},
        Location{QStringLiteral("  "), {}, {}, {}},
        Location{QStringLiteral("\a\x01"), {}, {}, QStringLiteral("\t")},
        Location{{}, QStringLiteral("3号楼"), QStringLiteral("2单元"), {}},  // a building of no compound
    };
    for (const Location& l : empty)
        expectRefusedWithoutTrace(StoreError::Kind::Invalid, [&] { store_->report(request(QStringLiteral("屋顶漏水"), l)); },
                                  "location \"" + l.label().toStdString() + "\"");
    expectRefusedWithoutTrace(StoreError::Kind::Invalid,
                              [&] { store_->report(request(QStringLiteral("屋顶漏水"), place(QStringLiteral("苑").repeated(61)))); },
                              "61-character compound");
    EXPECT_NO_THROW(store_->report(request(QStringLiteral("屋顶漏水"), place(QStringLiteral("苑").repeated(60)))));
    EXPECT_NO_THROW(store_->report(request(QStringLiteral("路灯不亮"), publicArea({}, QStringLiteral("社区党群服务中心")))));
}

TEST_F(IssueStoreTest, SupportAddsOneSupporterAnEventAndATimelineEntry) {
    const Issue i = store_->report(request());
    clock_.advanceSeconds(3600);
    const Issue once = store_->support(i.code);
    EXPECT_EQ(once.supporters, 1);
    EXPECT_EQ(once.updatedAt, kT0.addSecs(3600));
    EXPECT_EQ(once.reportedAt, kT0);
    clock_.advanceSeconds(60);
    const Issue twice = store_->support(i.code);
    EXPECT_EQ(twice.supporters, 2);
    EXPECT_EQ(store_->findByCode(i.code)->supporters, 2);

    EXPECT_EQ(eventRows(), 3);
    const QList<Event> log = EventLog(*db_).all();
    EXPECT_EQ(log.at(1).type, QLatin1String(events::kIssueSupported));
    EXPECT_EQ(log.at(1).payload.value(QStringLiteral("issueId")).toString(), i.id);
    EXPECT_EQ(log.at(1).occurredAt, kT0.addSecs(3600));
    EXPECT_EQ(log.at(2).terminalSeq, 3);
    EXPECT_EQ(store_->timeline(i.id).size(), 3);
}

TEST_F(IssueStoreTest, SupportAcceptsTheCodeAsPeopleTypeIt) {
    const Issue i = store_->report(request());
    const QString lower = i.code.toLower();
    EXPECT_EQ(store_->support(lower).supporters, 1);
    EXPECT_EQ(store_->support(lower.left(4) + u' ' + lower.mid(4)).supporters, 2);
    EXPECT_EQ(store_->support(i.code.left(4) + u'-' + i.code.mid(4)).supporters, 3);
}

TEST_F(IssueStoreTest, SupportOfUnknownCodeIsNotFound) {
    const Issue i = store_->report(request());
    QString unknown;
    do unknown = tracking::generate();
    while (unknown == i.code);
    QString typo = i.code;
    typo[2] = typo.at(2) == u'A' ? u'B' : u'A';
    for (const QString& code : {unknown, typo, QStringLiteral("hello"), QString(), i.code.left(7)})
        expectRefusedWithoutTrace(StoreError::Kind::NotFound, [&] { store_->support(code); }, "code " + code.toStdString());
    EXPECT_EQ(store_->findByCode(i.code)->supporters, 0);
}

TEST_F(IssueStoreTest, ClosedIssueCannotBeSupported) {
    const Issue i = store_->report(request());
    db_->exec(QStringLiteral("UPDATE issues SET status='resolved' WHERE id='%1'").arg(i.id).toUtf8().constData());
    expectRefusedWithoutTrace(StoreError::Kind::Invalid, [&] { store_->support(i.code); }, "support of a resolved issue");
}

TEST_F(IssueStoreTest, FindByCodeAcceptsLowerCaseAndSeparators) {
    const Issue i = store_->report(request());
    const QString lower = i.code.toLower();
    for (const QString& typed : {i.code, lower, lower.left(4) + u' ' + lower.mid(4), tracking::display(i.code),
                                 i.code.left(4) + u'-' + i.code.mid(4), QStringLiteral("  ") + lower + QStringLiteral(" ")}) {
        const std::optional<Issue> found = store_->findByCode(typed);
        ASSERT_TRUE(found.has_value()) << typed.toStdString();
        EXPECT_EQ(found->id, i.id);
    }
    EXPECT_FALSE(store_->findByCode(i.code.left(7)).has_value());
    EXPECT_FALSE(store_->findByCode(QStringLiteral("' OR 1=1 --")).has_value());
}

TEST_F(IssueStoreTest, SimilarReturnsOpenIssuesOfTheSameCategoryAndCompoundSameBuildingFirst) {
    auto report = [&](const Location& l, const QString& cat, int supporters) {
        clock_.advanceSeconds(60);
        const Issue i = store_->report(request(QStringLiteral("漏水问题"), l, cat));
        for (int s = 0; s < supporters; ++s) store_->support(i.code);
        return i.code;
    };
    const QString b1Quiet = report(place(kShuxiang, QStringLiteral("1号楼"), QStringLiteral("1单元")), QStringLiteral("roof-leak"), 0);
    const QString b1Loud = report(place(kShuxiang, QStringLiteral("1号楼"), QStringLiteral("2单元")), QStringLiteral("roof-leak"), 2);
    const QString b2 = report(place(kShuxiang, QStringLiteral("2号楼")), QStringLiteral("roof-leak"), 5);
    const QString square = report(publicArea(kShuxiang, QStringLiteral("小区广场")), QStringLiteral("roof-leak"), 1);
    const QString otherCategory = report(place(kShuxiang, QStringLiteral("1号楼")), QStringLiteral("drain-blocked"), 0);
    const QString otherCompound = report(place(kJingmo, QStringLiteral("1号楼")), QStringLiteral("roof-leak"), 3);
    const QString community = report(publicArea({}, QStringLiteral("社区党群服务中心")), QStringLiteral("roof-leak"), 0);
    const QString resolved = report(place(kShuxiang, QStringLiteral("1号楼")), QStringLiteral("roof-leak"), 9);
    db_->exec(QStringLiteral("UPDATE issues SET status='resolved' WHERE code='%1'").arg(resolved).toUtf8().constData());

    const QStringList byBuilding = codesOf(store_->similar(QStringLiteral("roof-leak"), place(kShuxiang, QStringLiteral("1号楼"))));
    EXPECT_EQ(byBuilding, (QStringList{b1Loud, b1Quiet, b2, square}));
    EXPECT_FALSE(byBuilding.contains(otherCategory));
    EXPECT_FALSE(byBuilding.contains(otherCompound));
    EXPECT_FALSE(byBuilding.contains(community));
    EXPECT_FALSE(byBuilding.contains(resolved));

    EXPECT_EQ(codesOf(store_->similar(QStringLiteral("roof-leak"), place(kShuxiang, QStringLiteral("1号楼")), 2)), (QStringList{b1Loud, b1Quiet}));
    EXPECT_EQ(codesOf(store_->similar(QStringLiteral("roof-leak"), publicArea(kShuxiang, QStringLiteral("小区广场")))),
              (QStringList{square, b2, b1Loud, b1Quiet}));
    EXPECT_EQ(codesOf(store_->similar(QStringLiteral("roof-leak"), publicArea({}, QStringLiteral("丽景街沿街")))), (QStringList{community}));
    EXPECT_EQ(codesOf(store_->similar(QStringLiteral("drain-blocked"), place(kShuxiang, QStringLiteral("5号楼")))), (QStringList{otherCategory}));
    EXPECT_TRUE(store_->similar(QStringLiteral("elevator"), place(kShuxiang, QStringLiteral("1号楼"))).isEmpty());
    EXPECT_TRUE(store_->similar(QStringLiteral("roof-leak"), place(QStringLiteral("丽景苑"))).isEmpty());
}

TEST_F(IssueStoreTest, TimelineIsInTimeOrder) {
    const Issue i = store_->report(request());
    const Issue other = store_->report(request(QStringLiteral("另一个问题")));
    clock_.advanceSeconds(120);
    store_->support(i.code);
    store_->support(other.code);
    clock_.advanceSeconds(-60);  // a terminal clock that stepped back still lists entries by time
    store_->support(i.code);
    store_->support(i.code);  // same instant as the previous one: stored order

    const QList<TimelineEntry> t = store_->timeline(i.id);
    ASSERT_EQ(t.size(), 4);
    EXPECT_EQ(t.at(0).kind, QLatin1String(events::kIssueReported));
    EXPECT_EQ(t.at(0).label, QStringLiteral("居民反映问题"));
    EXPECT_EQ(t.at(0).note, QStringLiteral("书香雅苑 3号楼 2单元"));
    EXPECT_EQ(t.at(0).at, kT0);
    for (int n = 1; n < 4; ++n) {
        EXPECT_EQ(t.at(n).kind, QLatin1String(events::kIssueSupported)) << n;
        EXPECT_EQ(t.at(n).label, QStringLiteral("又一位居民附议 (+1)")) << n;
        EXPECT_TRUE(t.at(n).note.isEmpty()) << n;
    }
    EXPECT_EQ(t.at(1).at, kT0.addSecs(60));
    EXPECT_EQ(t.at(2).at, kT0.addSecs(60));
    EXPECT_EQ(t.at(3).at, kT0.addSecs(120));
    EXPECT_EQ(store_->timeline(other.id).size(), 2);
    EXPECT_TRUE(store_->timeline(newUuid()).isEmpty());
}

TEST_F(IssueStoreTest, CountsFollowTheStore) {
    IssueStore::Counts c = store_->counts();
    EXPECT_EQ(c.issues, 0);
    EXPECT_EQ(c.events, 0);
    const Issue a = store_->report(request());
    const Issue b = store_->report(request(QStringLiteral("噪音扰民"), place(kShuxiang), QStringLiteral("noise")));
    store_->report(request(QStringLiteral("路灯不亮"), place(kJingmo), QStringLiteral("street-lights")));
    store_->support(a.code);
    store_->support(a.code);
    store_->support(b.code);
    c = store_->counts();
    EXPECT_EQ(c.issues, 3);
    EXPECT_EQ(c.open, 3);
    EXPECT_EQ(c.supporters, 3);
    EXPECT_EQ(c.events, 6);
    EXPECT_EQ(c.unpushed, 6);

    db_->exec(QStringLiteral("UPDATE issues SET status='declined' WHERE id='%1'").arg(b.id).toUtf8().constData());
    db_->exec("UPDATE events SET pushed = 1 WHERE terminal_seq <= 2");
    c = store_->counts();
    EXPECT_EQ(c.issues, 3);
    EXPECT_EQ(c.open, 2);
    EXPECT_EQ(c.unpushed, 4);
}

TEST_F(IssueStoreTest, ListFiltersAndOrdersNewestFirst) {
    const Issue first = store_->report(request());
    clock_.advanceSeconds(60);
    const Issue second = store_->report(request(QStringLiteral("噪音扰民"), place(kShuxiang), QStringLiteral("noise")));
    clock_.advanceSeconds(60);
    const Issue third = store_->report(request(QStringLiteral("又漏水了"), place(kJingmo, QStringLiteral("7号楼"))));
    db_->exec(QStringLiteral("UPDATE issues SET status='resolved' WHERE id='%1'").arg(first.id).toUtf8().constData());

    EXPECT_EQ(codesOf(store_->list()), (QStringList{third.code, second.code, first.code}));
    EXPECT_EQ(codesOf(store_->list(IssueFilter{std::nullopt, QStringLiteral("roof-leak"), false, 500})), (QStringList{third.code, first.code}));
    EXPECT_EQ(codesOf(store_->list(IssueFilter{std::nullopt, {}, true, 500})), (QStringList{third.code, second.code}));
    EXPECT_EQ(codesOf(store_->list(IssueFilter{IssueStatus::Resolved, {}, false, 500})), (QStringList{first.code}));
    EXPECT_EQ(codesOf(store_->list(IssueFilter{std::nullopt, {}, false, 1})), (QStringList{third.code}));
    EXPECT_TRUE(store_->list(IssueFilter{std::nullopt, QStringLiteral("elevator"), false, 500}).isEmpty());
}

// Regression (was a bug in src/storage/database.cpp:23 with src/storage/storeerror.cpp:15): every SQLITE_CONSTRAINT
// failure becomes Kind::Invalid, and residentMessage() shows an Invalid error's message() as it is,
// so a database-level failure reaches the resident's screen as e.g. "statement failed
// (/var/lib/pavilion/pavilion.db): FOREIGN KEY constraint failed" - technical detail and a file
// path, which storeerror.h promises residentMessage() never shows.
TEST_F(IssueStoreTest, DatabaseFailureIsNotShownToResidentsInTechnicalWords) {
    db_->exec("CREATE TEMP TRIGGER fail_issue BEFORE INSERT ON main.issues "
              "BEGIN SELECT RAISE(ABORT, 'simulated constraint failure'); END");
    try {
        store_->report(request());
        FAIL() << "report succeeded despite the failing trigger";
    } catch (const StoreError& e) {
        const QString shown = e.residentMessage();
        EXPECT_FALSE(shown.contains(dbPath())) << shown.toStdString();
        EXPECT_FALSE(shown.contains(QStringLiteral("simulated constraint failure"))) << shown.toStdString();
        EXPECT_FALSE(shown.contains(QStringLiteral("statement failed"))) << shown.toStdString();
    }
}
