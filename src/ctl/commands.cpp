#include "ctl/commands.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <memory>
#include <optional>

#include "core/category.h"
#include "core/clock.h"
#include "core/terminalconfig.h"
#include "core/trackingcode.h"
#include "ctl/demodata.h"
#include "ctl/imecommands.h"
#include "ctl/output.h"
#include "ctl/synccommands.h"
#include "storage/issuestore.h"
#include "storage/migrations.h"

namespace pavilion::ctl {

namespace {

constexpr char kUsage[] =
    "usage: pavilionctl --data-dir DIR [--config FILE] COMMAND\n"
    "commands:\n"
    "  status                                   what is stored, and what waits for sync\n"
    "  issues list [--status S] [--category C] [--open]\n"
    "  issues show CODE\n"
    "  issues report --category C --location L --text T [--phone P]\n"
    "      L is \"COMPOUND/BUILDING/UNIT\", \"COMPOUND/BUILDING\" or \"COMPOUND:PUBLIC AREA\" or \":COMMUNITY AREA\"\n"
    "  issues support CODE                      add one supporter (附议)\n"
    "  sync now                                 one sync round with the server in --config\n"
    "  sync status                              what waits, last success, last error, refused events\n"
    "  export --format json                     issues and events, phone numbers withheld\n"
    "  demo load FILE.json                      report the demo issues (for a fresh demo data directory)\n"
    "  ime pinyin|predict|handwriting|status    Chinese input engines, no --data-dir needed (ime --help)\n";

struct UsageError {
    QString message;
};

// Pops "--name VALUE" pairs and flags out of an argument list.
class Args {
public:
    explicit Args(QStringList a) : a_(std::move(a)) {}
    std::optional<QString> option(const QString& name) {
        const int i = a_.indexOf(name);
        if (i < 0) return std::nullopt;
        if (i + 1 >= a_.size()) throw UsageError{QStringLiteral("%1 needs a value").arg(name)};
        const QString v = a_.at(i + 1);
        a_.remove(i, 2);
        return v;
    }
    bool flag(const QString& name) { return a_.removeAll(name) > 0; }
    QString next(const QString& what) {
        if (a_.isEmpty()) throw UsageError{QStringLiteral("missing %1").arg(what)};
        return a_.takeFirst();
    }
    void done() {
        if (!a_.isEmpty()) throw UsageError{QStringLiteral("unexpected argument \"%1\"").arg(a_.first())};
    }

private:
    QStringList a_;
};

Location parseLocation(const QString& s) {
    Location l;
    const int colon = s.indexOf(u':');
    if (colon >= 0) {
        l.compound = s.left(colon).trimmed();
        l.publicArea = s.mid(colon + 1).trimmed();
        return l;
    }
    const QStringList parts = s.split(u'/');
    l.compound = parts.value(0).trimmed();
    l.building = parts.value(1).trimmed();
    l.unit = parts.value(2).trimmed();
    return l;
}

struct Context {
    std::unique_ptr<Database> db;
    QString terminalId;
};

Context openStore(const QString& dataDir, const std::optional<TerminalConfig>& config) {
    if (!QDir().mkpath(dataDir))
        throw StoreError(StoreError::Kind::Io, QStringLiteral("cannot create the data directory %1").arg(dataDir));
    Context c;
    c.db = Database::open(QDir(dataDir).filePath(QStringLiteral("pavilion.db")));
    if (config) {
        c.terminalId = EventLog::bindTerminal(*c.db, config->terminalId);
    } else {
        c.terminalId = EventLog::boundTerminal(*c.db);
        if (c.terminalId.isEmpty())
            throw UsageError{QStringLiteral("%1 has no terminal yet; pass --config FILE once to bind it").arg(dataDir)};
    }
    return c;
}

int notFound(QTextStream& err, const QString& code) {
    const tracking::Normalized n = tracking::normalize(code);
    switch (n.problem) {
        case tracking::CodeProblem::LookAlike:
            err << "pavilionctl: tracking codes never contain 0, O, 1, I or L; check \"" << code << "\"\n";
            break;
        case tracking::CodeProblem::WrongLength:
        case tracking::CodeProblem::Empty:
            err << "pavilionctl: a tracking code has 8 characters; \"" << code << "\" has " << n.code.size() << "\n";
            break;
        case tracking::CodeProblem::BadCheck:
            err << "pavilionctl: \"" << code << "\" is not a valid tracking code (a character is mistyped)\n";
            break;
        default: err << "pavilionctl: no issue has the tracking code " << n.code << "\n";
    }
    return NotFound;
}

int issues(Args& a, Context& c, QTextStream& out, QTextStream& err) {
    IssueStore store(*c.db, c.terminalId);
    const QString sub = a.next(QStringLiteral("an issues command (list, show, report, support)"));
    if (sub == QLatin1String("list")) {
        IssueFilter f;
        if (auto s = a.option(QStringLiteral("--status"))) {
            bool ok = false;
            f.status = statusFromKey(*s, &ok);
            if (!ok) throw UsageError{QStringLiteral("unknown status \"%1\"").arg(*s)};
        }
        if (auto cat = a.option(QStringLiteral("--category"))) {
            const Category* found = findStandardCategory(*cat);
            if (!found) throw UsageError{QStringLiteral("unknown category \"%1\"").arg(*cat)};
            f.categoryId = found->id;
        }
        f.openOnly = a.flag(QStringLiteral("--open"));
        a.done();
        for (const Issue& i : store.list(f)) printIssueLine(out, i);
        return Ok;
    }
    if (sub == QLatin1String("show")) {
        const QString code = a.next(QStringLiteral("a tracking code"));
        a.done();
        const auto issue = store.findByCode(code);
        if (!issue) return notFound(err, code);
        printIssueDetail(out, *issue, store.timeline(issue->id));
        return Ok;
    }
    if (sub == QLatin1String("report")) {
        const auto cat = a.option(QStringLiteral("--category"));
        const auto loc = a.option(QStringLiteral("--location"));
        const auto txt = a.option(QStringLiteral("--text"));
        const auto phone = a.option(QStringLiteral("--phone"));
        a.done();
        if (!cat || !loc || !txt) throw UsageError{QStringLiteral("issues report needs --category, --location and --text")};
        const Category* found = findStandardCategory(*cat);
        if (!found) {
            err << "pavilionctl: unknown category \"" << *cat << "\"; known: ";
            for (const Category& k : standardCategories()) err << k.id << " ";
            err << "\n";
            return Invalid;
        }
        const Issue i = store.report(ReportRequest{found->id, parseLocation(*loc), *txt, phone.value_or(QString())});
        out << i.code << "\n";
        return Ok;
    }
    if (sub == QLatin1String("support")) {
        const QString code = a.next(QStringLiteral("a tracking code"));
        a.done();
        if (!store.findByCode(code)) return notFound(err, code);
        const Issue i = store.support(code);
        out << i.code << " supporters " << i.supporters << "\n";
        return Ok;
    }
    throw UsageError{QStringLiteral("unknown issues command \"%1\"").arg(sub)};
}

int status(Args& a, Context& c, const QString& dataDir, QTextStream& out) {
    a.done();
    IssueStore store(*c.db, c.terminalId);
    const auto n = store.counts();
    out << "data directory: " << QFileInfo(dataDir).absoluteFilePath() << "\n"
        << "terminal:       " << c.terminalId << "\n"
        << "schema version: " << c.db->userVersion() << " (this build: " << latestSchemaVersion() << ")\n"
        << "durability:     journal_mode=WAL, synchronous=FULL, integrity ok\n"
        << "issues:         " << n.issues << " (" << n.open << " open, " << n.supporters << " supporters)\n"
        << "events:         " << n.events << " (" << n.unpushed << " not yet sent to the central server)\n";
    return Ok;
}

int exportJson(Args& a, Context& c, QTextStream& out) {
    const auto format = a.option(QStringLiteral("--format"));
    a.done();
    if (format.value_or(QString()) != QLatin1String("json")) throw UsageError{QStringLiteral("export needs --format json")};
    IssueStore store(*c.db, c.terminalId);
    QJsonArray issues, events;
    for (const Issue& i : store.list(IssueFilter{std::nullopt, {}, false, 1 << 30})) issues.append(issueJson(i));
    for (const Event& e : EventLog(*c.db).all()) events.append(exportedEventJson(e));
    const QJsonObject doc{{QStringLiteral("terminal"), c.terminalId},
                          {QStringLiteral("exportedAt"), isoUtc(QDateTime::currentDateTimeUtc())},
                          {QStringLiteral("schemaVersion"), c.db->userVersion()},
                          {QStringLiteral("issues"), issues},
                          {QStringLiteral("events"), events}};
    out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    return Ok;
}

}  // namespace

int run(const QStringList& argv, QTextStream& out, QTextStream& err) {
    try {
        Args a(argv);
        // Only a leading --help: "-h" may well be the text of an issue.
        if (!argv.isEmpty() && (argv.first() == QLatin1String("--help") || argv.first() == QLatin1String("-h"))) {
            out << kUsage;
            return Ok;
        }
        // ime reads only the engines' data files: dispatched before --data-dir is required.
        if (isImeCommand(argv)) return runIme(argv, out, err);
        const auto dataDir = a.option(QStringLiteral("--data-dir"));
        const auto configPath = a.option(QStringLiteral("--config"));
        if (!dataDir) throw UsageError{QStringLiteral("--data-dir DIR is required")};
        std::optional<TerminalConfig> config;
        if (configPath) config = TerminalConfig::load(*configPath);
        const QString command = a.next(QStringLiteral("a command"));
        Context c = openStore(*dataDir, config);
        if (command == QLatin1String("status")) return status(a, c, *dataDir, out);
        if (command == QLatin1String("issues")) return issues(a, c, out, err);
        if (command == QLatin1String("export")) return exportJson(a, c, out);
        if (command == QLatin1String("sync")) {
            const QString sub = a.next(QStringLiteral("a sync command (now, status)"));
            a.done();
            if (sub == QLatin1String("now")) return syncNow(*c.db, config, *dataDir, out, err);
            if (sub == QLatin1String("status")) return syncStatus(*c.db, c.terminalId, config, out);
            throw UsageError{QStringLiteral("unknown sync command \"%1\"").arg(sub)};
        }
        if (command == QLatin1String("demo")) {
            if (a.next(QStringLiteral("demo command (load)")) != QLatin1String("load"))
                throw UsageError{QStringLiteral("the only demo command is load")};
            const QString file = a.next(QStringLiteral("a demo file"));
            a.done();
            out << "reported " << loadDemoIssues(*c.db, c.terminalId, file) << " demo issues\n";
            return Ok;
        }
        throw UsageError{QStringLiteral("unknown command \"%1\"").arg(command)};
    } catch (const UsageError& e) {
        err << "pavilionctl: " << e.message << "\n" << kUsage;
        return Usage;
    } catch (const ConfigError& e) {
        err << "pavilionctl: " << e.message() << "\n";
        return BadConfig;
    } catch (const StoreError& e) {
        err << "pavilionctl: " << e.message() << "\n";
        switch (e.kind()) {
            case StoreError::Kind::Invalid: return Invalid;
            case StoreError::Kind::NotFound: return NotFound;
            case StoreError::Kind::NewerSchema:
            case StoreError::Kind::Identity: return Refused;
            default: return Failed;
        }
    } catch (const std::exception& e) {
        err << "pavilionctl: " << e.what() << "\n";
        return Failed;
    }
}

}  // namespace pavilion::ctl
