// `tcplab-cli lessons list|show|check`: the guided lessons (docs/lesson-format.md) in the
// terminal.

#include "app/cli/lessonscommand.h"

#include "app/common/commandline.h"
#include "ui/lab/labdlessonrun.h"

#include "lesson/lessoncheck.h"
#include "lesson/lessonloader.h"
#include "lesson/query.h"
#include "lesson/steprunner.h"
#include "lesson/substitution.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {


constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;
constexpr int kNoLiveLab = 3;

std::string resourcesDir()
{
    return TCPLAB_RESOURCES_DIR;
}

std::string defaultLessonsDir()
{
    if (const char *env = std::getenv("TCPLAB_LESSONS"); env && *env)
        return env;
    return resourcesDir() + "/lessons";
}

lesson::LoadOptions loadOptions()
{
    lesson::LoadOptions o;
    o.scenarioDirs = {resourcesDir() + "/scenarios"};
    return o;
}

bool isNumber(const std::string &s)
{
    return !s.empty() && s.size() < 6 && s.find_first_not_of("0123456789") == std::string::npos;
}

struct Loaded {
    std::vector<lesson::Lesson> lessons; // valid ones, by number
    bool allValid = true;
};

bool load(const std::string &path, Loaded &into)
{
    const lesson::LoadResult r = lesson::loadLesson(path, loadOptions());
    for (const lesson::LessonError &e : r.errors)
        std::cerr << e.format() << '\n';
    if (!r.ok()) {
        into.allValid = false;
        return false;
    }
    into.lessons.push_back(r.lesson);
    return true;
}

// Every *.lesson.yaml in dir, sorted by lesson number; two files with one number are an error.
bool loadDir(const std::string &dir, Loaded &out)
{
    const lesson::DirectoryResult r = lesson::loadLessonDirectory(dir, loadOptions());
    if (!r.found) {
        std::cerr << "tcplab-cli lessons: " << dir << ": no such folder (give one with --dir)\n";
        return false;
    }
    for (const lesson::LessonError &e : r.errors)
        std::cerr << e.format() << '\n';
    out.lessons.insert(out.lessons.end(), r.lessons.begin(), r.lessons.end());
    out.allValid = out.allValid && r.errors.empty();
    return true;
}

// The lessons named by args (numbers in dir, or files); all of dir when there is none.
bool select(const std::vector<std::string> &names, const std::string &dir, Loaded &out)
{
    if (names.empty())
        return loadDir(dir, out);
    Loaded inDir;
    bool dirLoaded = false;
    for (const std::string &n : names) {
        if (!isNumber(n)) {
            load(n, out);
            continue;
        }
        if (!dirLoaded && !loadDir(dir, inDir))
            return false;
        dirLoaded = true;
        const auto it =
            std::find_if(inDir.lessons.begin(), inDir.lessons.end(),
                         [&n](const lesson::Lesson &l) { return l.number == std::stoi(n); });
        if (it == inDir.lessons.end()) {
            std::cerr << "tcplab-cli lessons: no lesson " << n << " in " << dir << '\n';
            out.allValid = false;
        } else {
            out.lessons.push_back(*it);
        }
    }
    // Other lessons of dir that do not load were reported; they do not fail this command.
    return true;
}

// ---------------------------------------------------------------------------------------------
// show

// Each line of a (Markdown) text, indented; the text's own trailing newline dropped.
std::string indented(const std::string &text, const std::string &indent)
{
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);)
        out += (line.empty() ? std::string() : indent + line) + "\n";
    return out;
}

std::string describe(const lesson::ScenarioSource &s)
{
    if (!s.reference.empty())
        return s.reference;
    return "inline scenario" +
           (s.scenario.title.empty() ? std::string() : " \"" + s.scenario.title + "\"");
}

struct ShownRuns {
    bool ran = false;
    lesson::RunRecord run, compare;
    bool hasCompare = false;
};

void showStep(const lesson::Step &s, int number, int count, const std::string &lang, bool answers)
{
    std::cout << "\nStep " << number << "/" << count << " \u2014 " << s.title.in(lang) << "\n";
    if (s.text)
        std::cout << indented(s.text->in(lang), "  ") << "\n";
    ShownRuns runs;
    if (s.run) {
        std::cout << "  Run: " << describe(s.run->source) << " ("
                  << lesson::runModeName(s.run->mode) << ")\n";
        if (answers && lesson::runsSim(s.run->mode)) {
            runs.ran = true;
            runs.run = lesson::runInSimulator(s.run->source.scenario);
            if (s.compare) {
                runs.hasCompare = true;
                runs.compare = lesson::runInSimulator(s.compare->source.scenario);
            }
        }
    }
    if (s.compare)
        std::cout << "  Compare: " << describe(s.compare->source) << " ("
                  << lesson::runModeName(s.compare->mode) << ")\n";
    auto filled = [&](const lesson::Text &t) {
        return runs.ran ? lesson::substituteQueries(t.in(lang), runs.run,
                                                    runs.hasCompare ? &runs.compare : nullptr)
                        : t.in(lang);
    };
    if (s.question) {
        const lesson::Question &q = *s.question;
        std::cout << "  Question (" << lesson::questionKindName(q.kind) << "): " << q.ask.in(lang)
                  << "\n";
        lesson::QueryResult answer;
        if (runs.ran)
            answer = lesson::evaluateQuery(q.answer, runs.run,
                                           runs.hasCompare ? &runs.compare : nullptr);
        char letter = 'a';
        for (const lesson::Option &o : q.options) {
            const bool right = answer.ok && answer.value == o.value;
            std::cout << "    " << letter++ << ") " << o.text.in(lang) << "  [" << o.value << "]"
                      << (o.why.empty() ? "" : " (misconception " + o.why + ")")
                      << (right ? "  \u2190 simulator" : "") << "\n";
        }
        std::cout << "    Answer: the query `" << q.answer << "` on the run";
        if (runs.ran)
            std::cout << (answer.ok ? " \u2014 in the simulator: " + answer.value
                                    : " \u2014 no answer: " + answer.error);
        std::cout << "\n";
        if (q.explain)
            std::cout << "  Explanation (after the run):\n" << indented(filled(*q.explain), "    ");
    }
    if (s.after)
        std::cout << "  After the run:\n" << indented(filled(*s.after), "    ");
    if (s.tryit)
        std::cout << "  Try it (" << describe(s.tryit->source) << "):\n"
                  << indented(s.tryit->suggestion.in(lang), "    ");
}

void showLesson(const lesson::Lesson &l, const std::string &lang, bool answers)
{
    std::cout << "Lesson " << l.number << " \u2014 " << l.title.in(lang) << "\n"
              << l.summary.in(lang) << "\n(" << l.path << ")\n";
    for (std::size_t i = 0; i < l.steps.size(); ++i)
        showStep(l.steps[i], int(i) + 1, int(l.steps.size()), lang, answers);
}

// ---------------------------------------------------------------------------------------------

int listLessons(const LessonsCommand::Options &o)
{
    if (!o.names.empty())
        throw UsageError("lessons list takes no lesson");
    Loaded loaded;
    if (!loadDir(o.dir, loaded))
        return kUsage;
    if (loaded.lessons.empty() && loaded.allValid)
        std::cout << "no lessons in " << o.dir << "\n";
    for (const lesson::Lesson &l : loaded.lessons)
        std::cout << (l.number < 10 ? " " : "") << l.number << "  " << l.title.in(o.lang)
                  << " \u2014 " << l.summary.in(o.lang) << "\n";
    return loaded.allValid ? kOk : kUsage;
}

int showLessons(const LessonsCommand::Options &o)
{
    if (o.names.size() != 1)
        throw UsageError("lessons show takes one lesson: its number or its file");
    Loaded loaded;
    if (!select(o.names, o.dir, loaded) || loaded.lessons.empty())
        return kUsage;
    showLesson(loaded.lessons.front(), o.lang, o.answers);
    return kOk;
}

std::string count(std::size_t n, const std::string &what)
{
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

int checkLessons(const LessonsCommand::Options &o)
{
    Loaded loaded;
    if (!select(o.names, o.dir, loaded))
        return kUsage;
    // The live runs go through tcplab-labd as a QProcess: Qt's event loop needs an application.
    int qtArgc = 1;
    char qtName[] = "tcplab-cli";
    char *qtArgv[] = {qtName, nullptr};
    QCoreApplication qt(qtArgc, qtArgv);
    LabdLessonRunner live;
    lesson::CheckOptions options;
    options.sim = o.mode != "live";
    options.live = o.mode != "sim";
    options.liveRunner = &live;
    bool failed = false, liveUnavailable = false;
    for (const lesson::Lesson &l : loaded.lessons) {
        const lesson::CheckReport r = lesson::checkLesson(l, options);
        for (const std::string &f : r.failures)
            std::cerr << f << '\n';
        std::cout << l.path << ": lesson " << l.number << (r.ok() ? " ok" : " FAILED") << " ("
                  << count(l.steps.size(), "step") << ", " << count(std::size_t(r.runs), "run")
                  << ", " << count(std::size_t(r.questions), "answer") << " checked";
        if (!r.ok())
            std::cout << ", " << count(r.failures.size(), "problem");
        if (!r.skipped.empty())
            std::cout << "; " << count(r.skipped.size(), "run") << " not made in --mode " << o.mode;
        std::cout << ")\n";
        failed = failed || !r.ok();
        liveUnavailable = liveUnavailable || r.liveUnavailable;
    }
    if (!loaded.allValid)
        return kUsage;
    if (liveUnavailable)
        return kNoLiveLab;
    return failed ? kFailed : kOk;
}

} // namespace

LessonsCommand::LessonsCommand(CommandLine &cli)
{
    CLI::App *lessons = cli.addCommand(
        "lessons", "list, show or check the guided lessons", [this] { return run(); });
    lessons->footer(
        "list: every lesson by number, with its title and summary.\n"
        "show: one lesson (its number, or a file) as text: steps, runs, questions.\n"
        "check: runs each lesson's steps and verifies its claims: the scenarios hold their\n"
        "expects, every answer query has an answer that is exactly one option's value, the texts'\n"
        "{{queries}} evaluate, and the simulator and the kernel agree. No lesson: all of them.\n"
        "Lessons are *.lesson.yaml files (docs/lesson-format.md); scenarios are looked up next to\n"
        "a lesson, then in resources/scenarios.\n"
        "Exit status: 0 all good, 1 a check failed (each failure names lesson, step and question),\n"
        "2 a bad lesson file or bad usage, 3 the live lab could not start.");
    cli.require(lessons
                    ->add_option("ACTION", m_action, "list, show or check")
                    ->check(oneOf({"list", "show", "check"},
                                  "lessons takes list, show or check"))
                    ->type_name(""),
                "lessons needs list, show or check");
    lessons->add_option("LESSON", m_options.names, "lesson numbers or lesson files")
        ->type_name("");
    lessons->add_option("--dir", m_options.dir,
                        "where the lessons are (default: $TCPLAB_LESSONS, else the\n"
                        "source tree's resources/lessons)")
        ->type_name("DIR");
    lessons->add_option("--lang", m_options.lang, "list, show: en (default) or zh_CN")
        ->check(oneOf({"en", "zh_CN"}, "--lang takes en or zh_CN"))
        ->type_name("en|zh_CN");
    lessons->add_option("--mode", m_options.mode,
                        "check: sim (default) runs the steps that declare sim or both in the "
                        "simulator;\nlive those that declare live or both on the kernel; both all")
        ->check(oneOf({"sim", "live", "both"}, "--mode takes sim, live or both"))
        ->type_name("sim|live|both");
    lessons->add_flag("--answers", m_options.answers,
                      "show: run the simulator and show each answer and the texts filled in");
}

int LessonsCommand::run()
{
    if (m_options.dir.empty())
        m_options.dir = defaultLessonsDir();
    if (m_action == "list")
        return listLessons(m_options);
    if (m_action == "show")
        return showLessons(m_options);
    return checkLessons(m_options);
}
