// The lesson file's structure (docs/lesson-format.md): which keys go where, which are required,
// and the checks that need more than one key (a question needs a run, the last step has the
// tryit). Typed reads and their errors are in yamlfields.cpp; queries are parsed with
// parseQuery() so a mistyped answer is reported when the file loads, not when a student runs it.

#include "lessonloader.h"

#include "closestword.h"
#include "query.h"
#include "substitution.h"
#include "yamlfields.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lesson {

const char *runModeName(RunMode m)
{
    switch (m) {
    case RunMode::Sim:
        return "sim";
    case RunMode::Live:
        return "live";
    case RunMode::Both:
        return "both";
    }
    return "?";
}

const char *questionKindName(QuestionKind k)
{
    switch (k) {
    case QuestionKind::Choice:
        return "choice";
    case QuestionKind::ClickState:
        return "click-state";
    case QuestionKind::ClickSegment:
        return "click-segment";
    }
    return "?";
}

namespace {

bool readFile(const std::string &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

std::string directoryOf(const std::string &path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

bool counterfactual(const scenario::Scenario &s)
{
    return s.handshake != scenario::Handshake::ThreeWay || !s.timeWait;
}

class LessonReader {
public:
    LessonReader(const std::string &path, const LoadOptions &options)
        : m_fields(path)
        , m_dir(directoryOf(path))
        , m_options(options)
    {
    }

    void read(const YAML::Node &root, Lesson &out)
    {
        out.path = m_fields.file();
        if (!m_fields.expectMap(root, 1, "the lesson"))
            return;
        m_fields.checkKeys(root, {"lesson", "title", "summary", "steps"}, std::string());
        if (const std::optional<std::string> n =
                m_fields.scalar(root, "lesson", 1, std::string(), true)) {
            const bool digits = !n->empty() && n->size() < 6 &&
                                n->find_first_not_of("0123456789") == std::string::npos;
            if (digits && std::stoi(*n) > 0)
                out.number = std::stoi(*n);
            else
                m_fields.error(root["lesson"],
                               "lesson must be its number in the list (1, 2, ...), not \"" + *n +
                                   "\"");
        }
        if (std::optional<Text> t = m_fields.text(root, "title", 1, std::string(), true))
            out.title = *t;
        if (std::optional<Text> t = m_fields.text(root, "summary", 1, std::string(), true))
            out.summary = *t;
        const YAML::Node steps = root["steps"];
        if (!steps.IsDefined() || steps.IsNull()) {
            m_fields.error(1,
                           "steps is missing (a list of steps, each starting with \"- title:\")");
            return;
        }
        if (!steps.IsSequence() || steps.size() == 0) {
            m_fields.error(steps, "steps must be a list of steps, each starting with \"- title:\"");
            return;
        }
        for (std::size_t i = 0; i < steps.size(); ++i)
            out.steps.push_back(step(steps[i], int(i) + 1, i + 1 == steps.size()));
    }

    std::vector<LessonError> takeErrors() { return m_fields.takeErrors(); }

private:
    Step step(const YAML::Node &node, int number, bool last)
    {
        Step s;
        const std::string where = "step " + std::to_string(number);
        s.line = YamlFields::lineOf(node, 1);
        if (!m_fields.expectMap(node, s.line, where))
            return s;
        m_fields.checkKeys(node, {"title", "text", "run", "compare", "question", "after", "tryit"},
                           where);
        if (std::optional<Text> t = m_fields.text(node, "title", s.line, where, true))
            s.title = *t;
        s.text = m_fields.text(node, "text", s.line, where, false);
        noQueries(s.text, where + ": text");
        s.run = runSpec(node["run"], s.line, where + ": run");
        s.compare = runSpec(node["compare"], s.line, where + ": compare");
        s.question = question(node["question"], s.line, where + ": question", s);
        s.after = m_fields.text(node, "after", s.line, where, false);
        s.tryit = tryit(node["tryit"], s.line, where + ": tryit");

        // What only the whole step can tell.
        if (s.compare && !s.run)
            m_fields.error(s.compare->line, where + ": compare needs a run to compare with");
        if (s.question && !s.run)
            m_fields.error(s.question->line,
                           where +
                               ": question needs a run (its answer is a query on the run's trace)");
        if (s.after && !s.run)
            m_fields.error(s.after->line,
                           where + ": after is shown after the run, and this step has none");
        if (s.after && s.question)
            m_fields.error(s.after->line, where + ": after is shown only when there is no "
                                                  "question; put it in the question's explain");
        if (s.tryit && !last)
            m_fields.error(s.tryit->line, where + ": tryit belongs to the last step of the lesson");
        if (last && !s.tryit)
            m_fields.error(
                s.line, where + ": the last step needs a tryit (change one thing and run again)");
        if (s.after)
            checkTextQueries(*s.after, where + ": after", s);
        return s;
    }

    std::optional<RunSpec> runSpec(const YAML::Node &node, int stepLine, const std::string &where)
    {
        if (!node.IsDefined() || node.IsNull())
            return std::nullopt;
        RunSpec r;
        r.line = YamlFields::lineOf(node, stepLine);
        if (!m_fields.expectMap(node, r.line, where))
            return std::nullopt;
        m_fields.checkKeys(node, {"scenario", "mode"}, where);
        if (!scenarioSource(node, r.line, where, r.source))
            return r;
        const scenario::Scenario &sc = r.source.scenario;
        const std::optional<std::string> mode = m_fields.scalar(node, "mode", r.line, where, false);
        if (!mode) {
            r.mode = sc.mode == scenario::Mode::Sim    ? RunMode::Sim
                     : sc.mode == scenario::Mode::Live ? RunMode::Live
                                                       : RunMode::Both;
        } else if (*mode == "sim" || *mode == "live" || *mode == "both") {
            r.mode = *mode == "sim"    ? RunMode::Sim
                     : *mode == "live" ? RunMode::Live
                                       : RunMode::Both;
        } else {
            const std::string hint = closestWord(*mode, {"sim", "live", "both"});
            m_fields.error(node["mode"],
                           where + ": mode is sim, live or both, not \"" + *mode + "\"" +
                               (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
            return r;
        }
        // A run the scenario cannot make would fail every check; say why now.
        if (runsLive(r.mode) && counterfactual(sc))
            m_fields.error(r.line, where + ": mode " + runModeName(r.mode) +
                                       ", but the scenario is counterfactual (not TCP): it runs "
                                       "only in the simulator");
        else if (runsLive(r.mode) && sc.mode == scenario::Mode::Sim)
            m_fields.error(r.line, where + ": mode " + runModeName(r.mode) +
                                       ", but the scenario says mode: sim");
        else if (runsSim(r.mode) && sc.mode == scenario::Mode::Live)
            m_fields.error(r.line, where + ": mode " + runModeName(r.mode) +
                                       ", but the scenario says mode: live");
        return r;
    }

    // map["scenario"]: a file name, or the scenario inline as a block (|).
    bool scenarioSource(const YAML::Node &map, int mapLine, const std::string &where,
                        ScenarioSource &out)
    {
        const std::optional<std::string> value =
            m_fields.scalar(map, "scenario", mapLine, where, true);
        if (!value)
            return false;
        const YAML::Node node = map["scenario"];
        out.line = YamlFields::lineOf(node, mapLine);
        std::vector<scenario::ParseError> errors;
        if (value->find('\n') != std::string::npos) {
            // A block scalar's text starts on the line after its "|".
            out.text = *value;
            out.firstLine = out.line + 1;
            if (!scenario::parseScenario(out.text, m_fields.file(), out.scenario, errors)) {
                for (const scenario::ParseError &e : errors)
                    m_fields.error(out.firstLine + e.line - 1, where + ": scenario: " + e.message);
                return false;
            }
            return true;
        }
        out.reference = *value;
        if (!findScenario(out.reference, out.path)) {
            m_fields.error(out.line, where + ": scenario file \"" + out.reference +
                                         "\" not found (looked in " + joinedSearchPath() + ")");
            return false;
        }
        if (!readFile(out.path, out.text)) {
            m_fields.error(out.line, where + ": scenario: cannot read " + out.path);
            return false;
        }
        if (!scenario::parseScenario(out.text, out.path, out.scenario, errors)) {
            for (const scenario::ParseError &e : errors)
                m_fields.error(out.line, where + ": scenario: " + e.format(out.reference));
            return false;
        }
        return true;
    }

    std::vector<std::string> searchPath() const
    {
        std::vector<std::string> dirs = {m_dir};
        dirs.insert(dirs.end(), m_options.scenarioDirs.begin(), m_options.scenarioDirs.end());
        dirs.push_back(m_dir + "/../scenarios"); // resources/lessons -> resources/scenarios
        return dirs;
    }

    std::string joinedSearchPath() const
    {
        std::string out;
        for (const std::string &d : searchPath())
            out += (out.empty() ? "" : ", ") + d;
        return out;
    }

    bool findScenario(const std::string &name, std::string &path) const
    {
        if (!name.empty() && name.front() == '/') {
            path = name;
            return std::ifstream(path).good();
        }
        for (const std::string &dir : searchPath()) {
            path = dir + "/" + name;
            if (std::ifstream(path).good())
                return true;
        }
        return false;
    }

    std::optional<Question> question(const YAML::Node &node, int stepLine, const std::string &where,
                                     const Step &s)
    {
        if (!node.IsDefined() || node.IsNull())
            return std::nullopt;
        Question q;
        q.line = YamlFields::lineOf(node, stepLine);
        if (!m_fields.expectMap(node, q.line, where))
            return std::nullopt;
        m_fields.checkKeys(node, {"ask", "kind", "answer", "options", "explain"}, where);
        if (std::optional<Text> t = m_fields.text(node, "ask", q.line, where, true)) {
            q.ask = *t;
            noQueries(t, where + ": ask");
        }
        if (const std::optional<std::string> kind =
                m_fields.scalar(node, "kind", q.line, where, false)) {
            if (*kind == "click-state")
                q.kind = QuestionKind::ClickState;
            else if (*kind == "click-segment")
                q.kind = QuestionKind::ClickSegment;
            else if (*kind != "choice") {
                const std::string hint =
                    closestWord(*kind, {"choice", "click-state", "click-segment"});
                m_fields.error(node["kind"],
                               where + ": kind is choice, click-state or click-segment, not \"" +
                                   *kind + "\"" +
                                   (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
            }
        }
        if (const std::optional<std::string> answer =
                m_fields.scalar(node, "answer", q.line, where, true)) {
            q.answer = *answer;
            q.answerLine = YamlFields::lineOf(node["answer"], q.line);
            if (checkQuery(q.answer, q.answerLine, where + ": answer", s) == Parsed::NotGradable)
                m_fields.error(
                    q.answerLine,
                    where + ": answer: \"" + q.answer +
                        "\" is for texts, not for grading (absolute numbers differ between runs)");
        }
        options(node["options"], q, where);
        q.explain = m_fields.text(node, "explain", q.line, where, false);
        if (q.explain)
            checkTextQueries(*q.explain, where + ": explain", s);
        return q;
    }

    void options(const YAML::Node &node, Question &q, const std::string &where)
    {
        const bool choice = q.kind == QuestionKind::Choice;
        if (!node.IsDefined() || node.IsNull()) {
            if (choice)
                m_fields.error(
                    q.line, where + ": options are missing (a choice question lists at least two)");
            return;
        }
        if (!choice) {
            m_fields.error(node, where + ": options are only for kind: choice (a " +
                                     questionKindName(q.kind) +
                                     " question is answered by clicking)");
            return;
        }
        if (!node.IsSequence() || node.size() < 2) {
            m_fields.error(
                node,
                where +
                    ": options must be a list of at least two, each starting with \"- value:\"");
            return;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            const YAML::Node o = node[i];
            const std::string at = where + ": option " + std::to_string(i + 1);
            Option opt;
            opt.line = YamlFields::lineOf(o, q.line);
            if (!m_fields.expectMap(o, opt.line, at))
                continue;
            m_fields.checkKeys(o, {"value", "text", "why"}, at);
            if (const std::optional<std::string> v =
                    m_fields.scalar(o, "value", opt.line, at, true)) {
                opt.value = *v;
                for (const Option &earlier : q.options)
                    if (earlier.value == opt.value)
                        m_fields.error(o["value"],
                                       at + ": value \"" + opt.value + "\" is already option " +
                                           std::to_string(&earlier - q.options.data() + 1) + "'s");
            }
            if (std::optional<Text> t = m_fields.text(o, "text", opt.line, at, true)) {
                opt.text = *t;
                noQueries(t, at + ": text");
            }
            if (const std::optional<std::string> why =
                    m_fields.scalar(o, "why", opt.line, at, false))
                opt.why = *why;
            q.options.push_back(opt);
        }
    }

    std::optional<TryIt> tryit(const YAML::Node &node, int stepLine, const std::string &where)
    {
        if (!node.IsDefined() || node.IsNull())
            return std::nullopt;
        TryIt t;
        t.line = YamlFields::lineOf(node, stepLine);
        if (!m_fields.expectMap(node, t.line, where))
            return std::nullopt;
        m_fields.checkKeys(node, {"scenario", "suggestion"}, where);
        scenarioSource(node, t.line, where, t.source);
        if (std::optional<Text> s = m_fields.text(node, "suggestion", t.line, where, true))
            t.suggestion = *s;
        return t;
    }

    enum class Parsed { Bad, Gradable, NotGradable };

    // A query must parse, and a "compare:" one needs the step's compare run.
    Parsed checkQuery(const std::string &text, int line, const std::string &where, const Step &s)
    {
        Query q;
        std::string error;
        if (!parseQuery(text, q, error)) {
            m_fields.error(line, where + ": " + error);
            return Parsed::Bad;
        }
        if (q.onCompare && !s.compare) {
            m_fields.error(line, where + ": \"" + text +
                                     "\" reads the compare: run, and this step has none");
            return Parsed::Bad;
        }
        return gradable(q) ? Parsed::Gradable : Parsed::NotGradable;
    }

    // {{QUERY}} is filled in only in what is shown after the run (explain, after).
    void noQueries(const std::optional<Text> &t, const std::string &where)
    {
        if (!t)
            return;
        for (const std::string *lang : {&t->en, &t->zhCN}) {
            const std::vector<std::string> queries = queriesIn(*lang);
            if (!queries.empty())
                m_fields.error(t->line,
                               where + ": {{" + queries.front() +
                                   "}} is filled in only after the run (in explain or after)");
        }
    }

    void checkTextQueries(const Text &t, const std::string &where, const Step &s)
    {
        for (const std::string *lang : {&t.en, &t.zhCN})
            for (const std::string &q : queriesIn(*lang))
                checkQuery(q, t.line, where + ": {{" + q + "}}", s);
    }

    YamlFields m_fields;
    std::string m_dir;
    LoadOptions m_options;
};

} // namespace

LoadResult parseLesson(const std::string &yaml, const std::string &path, const LoadOptions &options)
{
    LoadResult result;
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception &e) {
        // yaml-cpp's words for the mistake a translator makes most: "?" or ":" inside a short
        // {en: ..., zh_CN: ...} map, where they are syntax.
        const bool flow = e.msg == "unknown token" || e.msg.find("flow") != std::string::npos;
        result.errors.push_back(LessonError{
            path, e.mark.is_null() ? 1 : e.mark.line + 1,
            "YAML: " + e.msg +
                (flow ? " (inside {...}, put a text with ? : , [ ] { } in quotes)" : "")});
        return result;
    }
    if (!root.IsDefined() || root.IsNull()) {
        result.errors.push_back(LessonError{path, 1, "the file is empty"});
        return result;
    }
    LessonReader reader(path, options);
    try {
        reader.read(root, result.lesson);
    } catch (const YAML::Exception &e) { // a conversion the reader did not foresee
        result.errors.push_back(LessonError{path, e.mark.is_null() ? 1 : e.mark.line + 1, e.msg});
    }
    std::vector<LessonError> errors = reader.takeErrors();
    result.errors.insert(result.errors.begin(), errors.begin(), errors.end());
    // In file order, as an editor lists them (checks of a whole step come after its keys).
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const LessonError &a, const LessonError &b) { return a.line < b.line; });
    return result;
}

LoadResult loadLesson(const std::string &path, const LoadOptions &options)
{
    std::string text;
    if (!readFile(path, text)) {
        LoadResult result;
        result.errors.push_back(LessonError{path, 0, "cannot open the file"});
        return result;
    }
    return parseLesson(text, path, options);
}

DirectoryResult loadLessonDirectory(const std::string &dir, const LoadOptions &options)
{
    namespace fs = std::filesystem;
    DirectoryResult out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        out.errors.push_back(LessonError{dir, 0, "no such folder"});
        return out;
    }
    out.found = true;
    std::vector<std::string> files;
    for (const fs::directory_entry &e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        const std::string suffix = ".lesson.yaml";
        if (name.size() > suffix.size()
            && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string &f : files) {
        LoadResult r = loadLesson(f, options);
        out.errors.insert(out.errors.end(), r.errors.begin(), r.errors.end());
        if (r.ok())
            out.lessons.push_back(std::move(r.lesson));
    }
    std::stable_sort(out.lessons.begin(), out.lessons.end(),
                     [](const Lesson &a, const Lesson &b) { return a.number < b.number; });
    // Two files with one number: the list would show one of them at random.
    for (std::size_t i = 1; i < out.lessons.size(); ++i) {
        if (out.lessons[i].number == out.lessons[i - 1].number)
            out.errors.push_back(LessonError{out.lessons[i].path, 1,
                                             "lesson " + std::to_string(out.lessons[i].number)
                                                 + " is also " + out.lessons[i - 1].path});
    }
    return out;
}

} // namespace lesson
