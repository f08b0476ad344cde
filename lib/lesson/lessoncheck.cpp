#include "lessoncheck.h"

#include "query.h"
#include "steprunner.h"
#include "substitution.h"

#include <algorithm>
#include <map>

namespace lesson {

namespace {

struct Mode {
    bool live;
    const char *name; // "sim", "live"
};
constexpr Mode kSim{false, "sim"};
constexpr Mode kLive{true, "live"};

class Checker {
public:
    Checker(const Lesson &lesson, const CheckOptions &options, CheckReport &report)
        : m_lesson(lesson)
        , m_options(options)
        , m_report(report)
    {
    }

    void step(const Step &s, int number)
    {
        m_where = "lesson " + std::to_string(m_lesson.number) + ", step " + std::to_string(number) +
                  " (\"" + s.title.en + "\")";
        m_stepLine = s.line;
        if (s.run) {
            std::map<std::string, std::string> answers; // mode -> the question's answer
            for (const Mode &m : {kSim, kLive}) {
                if (!declares(s.run->mode, m)) {
                    continue;
                } else if (!enabled(m)) {
                    m_report.skipped.push_back(at(s.run->line) + ", run (" + m.name +
                                               "): not checked in this mode");
                    continue;
                }
                runStep(s, m, answers);
            }
            if (answers.size() == 2 && answers["sim"] != answers["live"])
                fail(s.question->answerLine, "question: answer \"" + s.question->answer + "\" is " +
                                                 answers["sim"] + " in the simulator and " +
                                                 answers["live"] + " on the kernel");
        }
        if (s.tryit && runsSim(modeOf(s.tryit->source.scenario)) && m_options.sim) {
            RunRecord rec;
            if (produce(s.tryit->source, kSim, rec))
                expectHeld(rec, s.tryit->line, "tryit", kSim);
        }
    }

private:
    static RunMode modeOf(const scenario::Scenario &sc)
    {
        return sc.mode == scenario::Mode::Sim    ? RunMode::Sim
               : sc.mode == scenario::Mode::Live ? RunMode::Live
                                                 : RunMode::Both;
    }
    static bool declares(RunMode declared, const Mode &m)
    {
        return m.live ? runsLive(declared) : runsSim(declared);
    }
    bool enabled(const Mode &m) const { return m.live ? m_options.live : m_options.sim; }

    std::string at(int line) const
    {
        return m_lesson.path + ":" + std::to_string(line > 0 ? line : m_stepLine) + ": " + m_where;
    }
    void fail(int line, const std::string &what)
    {
        m_report.failures.push_back(at(line) + ", " + what);
    }

    bool produce(const ScenarioSource &src, const Mode &m, RunRecord &out)
    {
        ++m_report.runs;
        if (!m.live) {
            out = runInSimulator(src.scenario);
            return true;
        }
        std::string error;
        if (!m_options.liveRunner) {
            error = "no live runner was given";
        } else if (m_options.liveRunner->run(src, out, error)) {
            return true;
        }
        m_report.liveUnavailable = true;
        fail(src.line, std::string("run (live): the live lab could not run: ") + error);
        return false;
    }

    void expectHeld(const RunRecord &rec, int line, const std::string &what, const Mode &m)
    {
        if (!rec.result.ok)
            fail(line, what + " (" + m.name +
                           "): the scenario's own check failed: " + rec.result.message);
    }

    void runStep(const Step &s, const Mode &m, std::map<std::string, std::string> &answers)
    {
        RunRecord run;
        if (!produce(s.run->source, m, run))
            return;
        expectHeld(run, s.run->line, "run", m);
        // The compare run is made in the same mode when it declares it, else in the simulator.
        RunRecord compare;
        const RunRecord *comparePtr = nullptr;
        if (s.compare) {
            const Mode cm = declares(s.compare->mode, m) ? m : kSim;
            if (declares(s.compare->mode, cm) && enabled(cm) &&
                produce(s.compare->source, cm, compare)) {
                expectHeld(compare, s.compare->line, "compare", cm);
                comparePtr = &compare;
            }
        }
        if (s.question) {
            const Question &q = *s.question;
            ++m_report.questions;
            const QueryResult r = evaluateQuery(q.answer, run, comparePtr);
            if (!r.ok) {
                fail(q.answerLine, std::string("question: answer \"") + q.answer +
                                       "\" has no answer (" + m.name + "): " + r.error);
            } else {
                answers[m.name] = r.value;
                checkAnswer(q, r, run, m);
            }
            if (q.explain)
                checkText(*q.explain, "question: explain", run, comparePtr, m);
        }
        if (s.after)
            checkText(*s.after, "after", run, comparePtr, m);
    }

    void checkAnswer(const Question &q, const QueryResult &r, const RunRecord &run, const Mode &m)
    {
        const std::string head = std::string("question: answer \"") + q.answer + "\" is \"" +
                                 r.value + "\" (" + m.name + ")";
        switch (q.kind) {
        case QuestionKind::Choice: {
            const auto matches =
                std::count_if(q.options.begin(), q.options.end(),
                              [&r](const Option &o) { return o.value == r.value; });
            if (matches == 1)
                return;
            std::string values;
            for (const Option &o : q.options)
                values += (values.empty() ? "" : ", ") + o.value;
            fail(q.answerLine,
                 head + (matches == 0 ? ", which is no option's value (options: " + values + ")"
                                      : ", which " + std::to_string(matches) + " options have"));
            return;
        }
        case QuestionKind::ClickState: {
            tcp::State s;
            if (!tcp::parseState(r.value, s))
                fail(q.answerLine, head + ", not a state to click in the state graph");
            return;
        }
        case QuestionKind::ClickSegment:
            if (!decidedBySegment(r, run))
                fail(q.answerLine, head + ", decided by no segment: there is no arrow to click");
            return;
        }
    }

    void checkText(const Text &t, const std::string &what, const RunRecord &run,
                   const RunRecord *compare, const Mode &m)
    {
        for (const std::string *text : {&t.en, &t.zhCN}) {
            std::vector<std::string> errors;
            substituteQueries(*text, run, compare, &errors);
            for (const std::string &e : errors)
                fail(t.line, what + " (" + m.name + "): " + e);
        }
    }

    const Lesson &m_lesson;
    const CheckOptions &m_options;
    CheckReport &m_report;
    std::string m_where;
    int m_stepLine = 0;
};

} // namespace

CheckReport checkLesson(const Lesson &lesson, const CheckOptions &options)
{
    CheckReport report;
    Checker checker(lesson, options, report);
    for (std::size_t i = 0; i < lesson.steps.size(); ++i)
        checker.step(lesson.steps[i], int(i) + 1);
    return report;
}

} // namespace lesson
