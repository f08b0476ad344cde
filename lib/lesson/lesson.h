#pragma once
// A guided lesson (resources/lessons/*.lesson.yaml, docs/lesson-format.md) as plain values:
// what loadLesson() produces and what the app, tcplab-cli and checkLesson() read. No YAML and no
// Qt here (STYLE.md 5).

#include "scenario/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace lesson {

// A text the student reads, in both languages (both required by the loader). Markdown.
struct Text {
    std::string en;
    std::string zhCN;
    int line = 0; // where it is in the lesson file (1-based)

    // The text in lang ("en", "zh_CN"; anything else: English).
    const std::string &in(const std::string &lang) const { return lang == "zh_CN" ? zhCN : en; }
};

// Where a run happens: the simulator, the real kernel, or both side by side.
enum class RunMode { Sim, Live, Both };
const char *runModeName(RunMode m); // "sim", "live", "both"
inline bool runsSim(RunMode m)
{
    return m != RunMode::Live;
}
inline bool runsLive(RunMode m)
{
    return m != RunMode::Sim;
}

// A scenario a lesson refers to: a file (next to the lesson or in resources/scenarios/) or the
// scenario itself written inline.
struct ScenarioSource {
    std::string reference;       // the file name as written; "" when inline
    std::string path;            // the file it was found in; "" when inline
    std::string text;            // the scenario's text
    scenario::Scenario scenario; // parsed (the loader reports parse errors)
    int line = 0;                // the line of `scenario:` in the lesson file
    // Inline: the lesson-file line of the scenario's line 1 (its line L is firstLine + L - 1).
    int firstLine = 0;
};

// `run:` and `compare:`.
struct RunSpec {
    ScenarioSource source;
    RunMode mode = RunMode::Both; // absent: the scenario's own `mode:` header
    int line = 0;
};

enum class QuestionKind { Choice, ClickState, ClickSegment };
const char *questionKindName(QuestionKind k); // "choice", "click-state", "click-segment"

struct Option {
    std::string value; // compared with the answer query's value
    Text text;
    std::string why; // the misconception this wrong option stands for ("M15"), or ""
    int line = 0;
};

// Asked before the run; the answer is never stored: it is a query on the run's trace.
struct Question {
    Text ask;
    QuestionKind kind = QuestionKind::Choice;
    std::string answer; // the query ("state server after line 3")
    int answerLine = 0;
    std::vector<Option> options; // kind choice only
    std::optional<Text> explain; // shown after the run, may hold {{QUERY}}
    int line = 0;
};

// The last step's invitation to change one thing and run again.
struct TryIt {
    ScenarioSource source;
    Text suggestion;
    int line = 0;
};

struct Step {
    Text title;
    std::optional<Text> text; // shown before anything runs
    std::optional<RunSpec> run;
    std::optional<RunSpec> compare;
    std::optional<Question> question;
    std::optional<Text> after; // shown after the run when there is no question
    std::optional<TryIt> tryit;
    int line = 0;
};

struct Lesson {
    int number = 0; // its place in the list (`lesson: N`), not the file name
    Text title;
    Text summary;
    std::vector<Step> steps;
    std::string path; // the file it was loaded from
};

} // namespace lesson
