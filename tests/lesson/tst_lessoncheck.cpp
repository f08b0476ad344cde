// `lessons check`: good lessons pass, and every failure names the lesson, the step and (where
// it applies) the question, with the file line to fix. The live half is a LiveRunner; here a
// fake one stands in for the kernel.

#include "lesson/lessoncheck.h"
#include "lesson/lessonloader.h"
#include "lesson/steprunner.h"

#include <QtTest>

using namespace lesson;

namespace {

Lesson load(const std::string &path)
{
    LoadOptions o;
    o.scenarioDirs = {TCPLAB_SCENARIOS};
    const LoadResult r = loadLesson(path, o);
    if (!r.ok())
        qFatal("%s", r.errors.front().format().c_str());
    return r.lesson;
}

Lesson parse(const std::string &yaml)
{
    LoadOptions o;
    o.scenarioDirs = {TCPLAB_SCENARIOS};
    const LoadResult r = parseLesson(yaml, "check.yaml", o);
    if (!r.ok())
        qFatal("%s", r.errors.front().format().c_str());
    return r.lesson;
}

QStringList lines(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << QString::fromStdString(s);
    return out;
}

// One step with a question (its answer on line 9) and a run (its scenario on line 14 with two
// options, 13 without).
std::string oneStep(const std::string &runBlock, const std::string &answer, const std::string &kind = "choice",
                    const std::string &options = "      options:\n"
                                                 "        - {value: SYN_RECEIVED, text: {en: a, zh_CN: 甲}}\n"
                                                 "        - {value: ESTABLISHED, text: {en: b, zh_CN: 乙}}\n",
                    const std::string &explain = "")
{
    return "lesson: 9\ntitle: {en: Check, zh_CN: 检查}\nsummary: {en: S, zh_CN: 摘要}\nsteps:\n"
           "  - title: {en: Only, zh_CN: 唯一}\n"
           "    question:\n      ask: {en: Q, zh_CN: 问}\n      kind: " + kind + "\n      answer: " + answer + "\n"
           + (kind == "choice" ? options : std::string()) + explain + runBlock
           + "    tryit:\n      scenario: handshake.tcplab\n      suggestion: {en: s, zh_CN: 试}\n";
}

const std::string kHandshakeBoth = "    run:\n      scenario: handshake.tcplab\n      mode: both\n";
const std::string kHandshakeSim = "    run:\n      scenario: handshake.tcplab\n      mode: sim\n";

// The kernel, played by the simulator; `twist` makes it disagree.
class FakeLive : public LiveRunner {
public:
    bool twist = false;
    int runs = 0;
    bool run(const ScenarioSource &source, RunRecord &out, std::string &) override
    {
        ++runs;
        scenario::Scenario s = source.scenario;
        if (twist)
            s.handshake = scenario::Handshake::TwoWay; // the server is ESTABLISHED on the SYN
        out = runInSimulator(s);
        return true;
    }
};

} // namespace

class TestLessonCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goodLessons_pass_data();
    void goodLessons_pass();
    void wrongAnswer_namesLessonStepQuestion();
    void failedExpect_namesTheRun();
    void answerWithoutValue_namesTheQuestion();
    void textQuery_namesTheExplain();
    void clickSegment_needsASegment();
    void clickState_needsAState();
    void both_answersMustAgree();
    void live_withoutRunner();
};

void TestLessonCheck::goodLessons_pass_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("questions");
    QTest::addColumn<int>("skipped");
    // handshake: step 1 run; step 2 run + compare + tryit. timewait: two runs, tryit; its
    // first step declares both, and live is not checked here.
    QTest::newRow("handshake") << QStringLiteral("handshake") << 4 << 1 << 0;
    QTest::newRow("timewait") << QStringLiteral("timewait") << 3 << 2 << 1;
}

void TestLessonCheck::goodLessons_pass()
{
    QFETCH(QString, file);
    QFETCH(int, runs);
    QFETCH(int, questions);
    QFETCH(int, skipped);
    const Lesson l = load(TCPLAB_LESSON_DATA "/good/" + file.toStdString() + ".lesson.yaml");
    const CheckReport r = checkLesson(l, CheckOptions());
    QVERIFY2(r.failures.empty(), r.failures.empty() ? "" : r.failures.front().c_str());
    QCOMPARE(r.runs, runs);
    QCOMPARE(r.questions, questions);
    QCOMPARE(int(r.skipped.size()), skipped);
}

void TestLessonCheck::wrongAnswer_namesLessonStepQuestion()
{
    const std::string path = TCPLAB_LESSON_DATA "/bad/wrong-answer.lesson.yaml";
    const CheckReport r = checkLesson(load(path), CheckOptions());
    QCOMPARE(lines(r.failures),
             QStringList(QString::fromStdString(path)
                         + QStringLiteral(":12: lesson 7, step 1 (\"Handshake\"), question: answer \"state server after "
                                          "line 8\" is \"SYN_RECEIVED\" (sim), which is no option's value (options: "
                                          "ESTABLISHED, LISTEN)")));
}

void TestLessonCheck::failedExpect_namesTheRun()
{
    const Lesson l = parse(oneStep("    run:\n      scenario: |\n        server listen\n        client connect\n"
                                   "        expect server ESTABLISHED\n      mode: sim\n",
                                   "state server at end"));
    QCOMPARE(lines(checkLesson(l, CheckOptions()).failures),
             QStringList(QStringLiteral("check.yaml:14: lesson 9, step 1 (\"Only\"), run (sim): the scenario's own check "
                                        "failed: line 3: expected server ESTABLISHED, is SYN_RECEIVED")));
}

void TestLessonCheck::answerWithoutValue_namesTheQuestion()
{
    const Lesson l = parse(oneStep(kHandshakeSim, "result client recv"));
    QCOMPARE(lines(checkLesson(l, CheckOptions()).failures),
             QStringList(QStringLiteral("check.yaml:9: lesson 9, step 1 (\"Only\"), question: answer \"result client "
                                        "recv\" has no answer (sim): client never called recv()")));
}

void TestLessonCheck::textQuery_namesTheExplain()
{
    const Lesson l = parse(oneStep(kHandshakeSim, "state server after line 8", "choice",
                                   "      options:\n        - {value: SYN_RECEIVED, text: {en: a, zh_CN: 甲}}\n"
                                   "        - {value: LISTEN, text: {en: b, zh_CN: 乙}}\n",
                                   "      explain: {en: \"{{result client send}}\", zh_CN: \"{{state client at end}}\"}\n"));
    QCOMPARE(lines(checkLesson(l, CheckOptions()).failures),
             QStringList(QStringLiteral("check.yaml:13: lesson 9, step 1 (\"Only\"), question: explain (sim): "
                                        "{{result client send}}: client never called send()")));
}

void TestLessonCheck::clickSegment_needsASegment()
{
    const Lesson good = parse(oneStep(kHandshakeSim, "flags segment server nth 1", "click-segment"));
    QCOMPARE(lines(checkLesson(good, CheckOptions()).failures), QStringList());
    const Lesson bad = parse(oneStep(kHandshakeSim, "state server at end", "click-segment"));
    QCOMPARE(lines(checkLesson(bad, CheckOptions()).failures),
             QStringList(QStringLiteral("check.yaml:9: lesson 9, step 1 (\"Only\"), question: answer \"state server "
                                        "at end\" is \"ESTABLISHED\" (sim), decided by no segment: there is no arrow to click")));
}

void TestLessonCheck::clickState_needsAState()
{
    const Lesson good = parse(oneStep(kHandshakeSim, "state server after line 8", "click-state"));
    QCOMPARE(lines(checkLesson(good, CheckOptions()).failures), QStringList());
    const Lesson bad = parse(oneStep(kHandshakeSim, "count segments", "click-state"));
    QCOMPARE(lines(checkLesson(bad, CheckOptions()).failures),
             QStringList(QStringLiteral("check.yaml:9: lesson 9, step 1 (\"Only\"), question: answer \"count "
                                        "segments\" is \"3\" (sim), not a state to click in the state graph")));
}

void TestLessonCheck::both_answersMustAgree()
{
    const Lesson l = parse(oneStep(kHandshakeBoth, "state server after line 8"));
    FakeLive live;
    CheckOptions o;
    o.live = true;
    o.liveRunner = &live;
    CheckReport r = checkLesson(l, o);
    QCOMPARE(lines(r.failures), QStringList());
    QCOMPARE(live.runs, 1); // the tryit is tried in the simulator only
    QCOMPARE(r.runs, 3);
    QCOMPARE(r.questions, 2);

    live.twist = true;
    r = checkLesson(l, o);
    QCOMPARE(lines(r.failures),
             QStringList(QStringLiteral("check.yaml:9: lesson 9, step 1 (\"Only\"), question: answer \"state server "
                                        "after line 8\" is SYN_RECEIVED in the simulator and ESTABLISHED on the kernel")));

    // Live only: the simulator is not asked.
    o.sim = false;
    live.twist = false;
    r = checkLesson(l, o);
    QCOMPARE(lines(r.failures), QStringList());
    QCOMPARE(r.runs, 1);
    QCOMPARE(int(r.skipped.size()), 1);
}

void TestLessonCheck::live_withoutRunner()
{
    const Lesson l = parse(oneStep(kHandshakeBoth, "state server after line 8"));
    CheckOptions o;
    o.sim = false;
    o.live = true;
    const CheckReport r = checkLesson(l, o);
    QVERIFY(r.liveUnavailable);
    QCOMPARE(lines(r.failures),
             QStringList(QStringLiteral("check.yaml:14: lesson 9, step 1 (\"Only\"), run (live): the live lab could not "
                                        "run: no live runner was given")));
}

QTEST_GUILESS_MAIN(TestLessonCheck)
#include "tst_lessoncheck.moc"
