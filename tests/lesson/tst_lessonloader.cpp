// Loading lesson files: a good lesson's values, and each kind of mistake reported as
// "file:line: what is wrong" on the line where it is (docs/lesson-format.md).

#include "lesson/lessonloader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace lesson;

namespace {

LoadOptions options()
{
    LoadOptions o;
    o.scenarioDirs = {TCPLAB_SCENARIOS};
    return o;
}

QStringList errorLines(const LoadResult &r)
{
    QStringList out;
    for (const LessonError &e : r.errors)
        out << QString::fromStdString(e.format());
    return out;
}

// A valid lesson; the error rows change one thing in it. Line numbers as in the file.
const char *const kBase = R"(lesson: 4
title: {en: T, zh_CN: 标题}
summary: {en: S, zh_CN: 摘要}
steps:
  - title: {en: One, zh_CN: 一}
    run:
      scenario: handshake.tcplab
      mode: sim
    question:
      ask: {en: Q, zh_CN: 问}
      answer: state server after line 6
      options:
        - {value: SYN_RECEIVED, text: {en: a, zh_CN: 甲}}
        - {value: ESTABLISHED, text: {en: b, zh_CN: 乙}}
    tryit:
      scenario: handshake.tcplab
      suggestion: {en: s, zh_CN: 试}
)";

std::string replaced(const std::string &from, const std::string &to)
{
    std::string s = kBase;
    const std::size_t at = s.find(from);
    if (at == std::string::npos)
        qFatal("'%s' is not in the base lesson", from.c_str());
    return s.replace(at, from.size(), to);
}

void write(const QString &path, const std::string &text)
{
    std::ofstream(path.toStdString()) << text;
}

} // namespace

class TestLessonLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void load_goodLesson();
    void load_baseIsValid();
    void load_scenarioNextToLessonThenResources();
    void load_missingFile();

    void errors_data();
    void errors();
    void errors_scenarioFileNotFound();
    void errors_scenarioFileDoesNotParse();
};

void TestLessonLoader::load_goodLesson()
{
    const LoadResult r = loadLesson(TCPLAB_LESSON_DATA "/good/handshake.lesson.yaml", options());
    QVERIFY2(r.ok(), qPrintable(errorLines(r).join(QLatin1Char('\n'))));
    const Lesson &l = r.lesson;
    QCOMPARE(l.number, 1);
    QCOMPARE(l.title.en, std::string("The three-way handshake"));
    QCOMPARE(l.title.in("zh_CN"), std::string("三次握手"));
    QCOMPARE(l.summary.line, 7);
    QCOMPARE(int(l.steps.size()), 2);

    const Step &one = l.steps[0];
    QCOMPARE(one.line, 10);
    QCOMPARE(one.title.zhCN, std::string("预测服务器的状态"));
    QVERIFY(one.text && one.text->en.find("**SYN+ACK**") != std::string::npos);
    QVERIFY(one.run && !one.compare && !one.after && !one.tryit);
    QCOMPARE(one.run->source.reference, std::string("handshake-and-close.tcplab"));
    QCOMPARE(one.run->source.path, std::string(TCPLAB_SCENARIOS "/handshake-and-close.tcplab"));
    QCOMPARE(int(one.run->source.scenario.steps.size()), 16);
    QVERIFY(one.run->mode == RunMode::Sim);
    QVERIFY(one.question);
    const Question &q = *one.question;
    QVERIFY(q.kind == QuestionKind::Choice);
    QCOMPARE(q.answer, std::string("state server after line 8"));
    QCOMPARE(q.answerLine, 21);
    QCOMPARE(int(q.options.size()), 3);
    QCOMPARE(q.options[1].value, std::string("ESTABLISHED"));
    QCOMPARE(q.options[1].why, std::string("M3"));
    QCOMPARE(q.options[1].line, 25);
    QVERIFY(q.explain && q.explain->en.find("{{ack segment server nth 1}}") != std::string::npos);

    const Step &two = l.steps[1];
    QVERIFY(two.run && two.compare && two.after && two.tryit && !two.question);
    QCOMPARE(two.run->source.reference, std::string());
    QCOMPARE(two.run->source.firstLine, 36); // "title: Lost SYN+ACK", the line after "scenario: |"
    QCOMPARE(two.run->source.scenario.title, std::string("Lost SYN+ACK"));
    QCOMPARE(two.run->source.scenario.steps.front().line, 2); // lines count within the scenario
    QCOMPARE(two.compare->source.reference, std::string("handshake.tcplab"));
    QVERIFY(two.compare->mode == RunMode::Sim);
    QCOMPARE(two.tryit->suggestion.en.substr(0, 13), std::string("Drop the SYN:"));
}

void TestLessonLoader::load_baseIsValid()
{
    const LoadResult r = parseLesson(kBase, "lesson.yaml", options());
    QCOMPARE(errorLines(r), QStringList());
    // No `mode:` in the run: the scenario's own header (handshake.tcplab says both).
    const LoadResult noMode = parseLesson(replaced("      mode: sim\n", ""), "lesson.yaml", options());
    QVERIFY(noMode.ok());
    QVERIFY(noMode.lesson.steps[0].run->mode == RunMode::Both);
}

void TestLessonLoader::load_scenarioNextToLessonThenResources()
{
    // resources/lessons/x.lesson.yaml finds resources/scenarios/ without being told, and a
    // file next to the lesson comes first.
    QTemporaryDir tmp;
    QVERIFY(QDir(tmp.path()).mkpath(QStringLiteral("resources/lessons")));
    QVERIFY(QDir(tmp.path()).mkpath(QStringLiteral("resources/scenarios")));
    write(tmp.filePath(QStringLiteral("resources/scenarios/handshake.tcplab")), "title: from scenarios\nserver listen\n");
    const QString lesson = tmp.filePath(QStringLiteral("resources/lessons/x.lesson.yaml"));
    write(lesson, replaced("state server after line 6", "state server at end"));
    LoadResult r = loadLesson(lesson.toStdString());
    QCOMPARE(errorLines(r), QStringList());
    QCOMPARE(r.lesson.steps[0].run->source.scenario.title, std::string("from scenarios"));
    write(tmp.filePath(QStringLiteral("resources/lessons/handshake.tcplab")), "title: next to it\nserver listen\n");
    r = loadLesson(lesson.toStdString());
    QCOMPARE(r.lesson.steps[0].run->source.scenario.title, std::string("next to it"));
}

void TestLessonLoader::load_missingFile()
{
    QCOMPARE(errorLines(loadLesson("/nonexistent/x.lesson.yaml")),
             QStringList(QStringLiteral("/nonexistent/x.lesson.yaml: cannot open the file")));
}

void TestLessonLoader::errors_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QStringList>("expected");
    auto row = [](const char *name, const std::string &yaml, std::initializer_list<const char *> errors) {
        QStringList e;
        for (const char *s : errors)
            e << QString::fromUtf8(s);
        QTest::newRow(name) << QString::fromStdString(yaml) << e;
    };

    // Texts: both languages, each one named when missing.
    row("missing zh_CN", replaced("title: {en: T, zh_CN: 标题}", "title: {en: T}"),
        {"lesson.yaml:2: title: missing zh_CN (every text is given in both en and zh_CN)"});
    row("missing en in an option", replaced("text: {en: b, zh_CN: 乙}", "text: {zh_CN: 乙}"),
        {"lesson.yaml:14: step 1: question: option 2: text: missing en (every text is given in both en and zh_CN)"});
    row("empty zh_CN", replaced("ask: {en: Q, zh_CN: 问}", "ask: {en: Q, zh_CN: \"\"}"),
        {"lesson.yaml:10: step 1: question: ask: missing zh_CN (every text is given in both en and zh_CN)"});
    row("text as plain string", replaced("summary: {en: S, zh_CN: 摘要}", "summary: S"),
        {"lesson.yaml:3: summary: a text needs both languages, as {en: ..., zh_CN: ...}"});
    row("misspelt language", replaced("title: {en: T, zh_CN: 标题}", "title: {en: T, zh: 标题}"),
        {"lesson.yaml:2: title: unknown key \"zh\" (known here: en, zh_CN)",
         "lesson.yaml:2: title: missing zh_CN (every text is given in both en and zh_CN)"});
    row("missing title of a step", replaced("  - title: {en: One, zh_CN: 一}\n    run:", "  - run:"),
        {"lesson.yaml:5: step 1: title is missing (a text: en and zh_CN)"});

    // Keys and values.
    row("unknown key", replaced("    question:", "    qestion:"),
        {"lesson.yaml:9: step 1: unknown key \"qestion\" (did you mean \"question\"?)"});
    row("key given twice", replaced("lesson: 4\n", "lesson: 4\nlesson: 5\n"), {"lesson.yaml:2: lesson is given twice"});
    row("lesson number", replaced("lesson: 4", "lesson: one"),
        {"lesson.yaml:1: lesson must be its number in the list (1, 2, ...), not \"one\""});
    row("no steps", "lesson: 1\ntitle: {en: T, zh_CN: T}\nsummary: {en: S, zh_CN: S}\n",
        {"lesson.yaml:1: steps is missing (a list of steps, each starting with \"- title:\")"});
    row("bad mode", replaced("mode: sim", "mode: boht"),
        {"lesson.yaml:8: step 1: run: mode is sim, live or both, not \"boht\" (did you mean \"both\"?)"});
    row("bad kind", replaced("      answer:", "      kind: click\n      answer:"),
        {"lesson.yaml:11: step 1: question: kind is choice, click-state or click-segment, not \"click\""});
    row("options on a click question", replaced("      answer:", "      kind: click-state\n      answer:"),
        {"lesson.yaml:14: step 1: question: options are only for kind: choice (a click-state question is answered by clicking)"});
    row("one option", replaced("        - {value: ESTABLISHED, text: {en: b, zh_CN: 乙}}\n", ""),
        {"lesson.yaml:13: step 1: question: options must be a list of at least two, each starting with \"- value:\""});
    row("option value twice", replaced("value: ESTABLISHED", "value: SYN_RECEIVED"),
        {"lesson.yaml:14: step 1: question: option 2: value \"SYN_RECEIVED\" is already option 1's"});

    // Queries are parsed when the file loads.
    row("answer query", replaced("state server after line 6", "state server aftr line 6"),
        {"lesson.yaml:11: step 1: question: answer: query \"state server aftr line 6\": expected \"at\" or \"after\", "
         "found \"aftr\" after \"state server\" (did you mean \"after\"?)"});
    row("compare query without compare", replaced("state server after line 6", "\"compare: state server at end\""),
        {"lesson.yaml:11: step 1: question: answer: \"compare: state server at end\" reads the compare: run, and this step has none"});
    row("absolute numbers as an answer", replaced("state server after line 6", "seqabs segment client nth 1"),
        {"lesson.yaml:11: step 1: question: answer: \"seqabs segment client nth 1\" is for texts, not for grading "
         "(absolute numbers differ between runs)"});
    row("query in a text shown before the run", replaced("ask: {en: Q, zh_CN: 问}", "ask: {en: \"Q {{states client}}\", zh_CN: 问}"),
        {"lesson.yaml:10: step 1: question: ask: {{states client}} is filled in only after the run (in explain or after)"});
    row("query in explain",
        replaced("    tryit:", "      explain: {en: \"x {{state nobody at end}}\", zh_CN: y}\n    tryit:"),
        {"lesson.yaml:15: step 1: question: explain: {{state nobody at end}}: query \"state nobody at end\": expected "
         "client or server, found \"nobody\" after \"state\""});

    // What only the whole step or lesson can tell.
    row("question without run", replaced("    run:\n      scenario: handshake.tcplab\n      mode: sim\n", ""),
        {"lesson.yaml:7: step 1: question needs a run (its answer is a query on the run's trace)"});
    row("after with a question", replaced("    tryit:", "    after: {en: a, zh_CN: b}\n    tryit:"),
        {"lesson.yaml:15: step 1: after is shown only when there is no question; put it in the question's explain"});
    row("no tryit at the end",
        replaced("    tryit:\n      scenario: handshake.tcplab\n      suggestion: {en: s, zh_CN: 试}\n", ""),
        {"lesson.yaml:5: step 1: the last step needs a tryit (change one thing and run again)"});
    row("tryit before the end",
        std::string(kBase) + "  - title: {en: Two, zh_CN: 二}\n    tryit:\n      scenario: handshake.tcplab\n"
                             "      suggestion: {en: s, zh_CN: 试}\n",
        {"lesson.yaml:16: step 1: tryit belongs to the last step of the lesson"});

    // Scenarios: written inline, their errors on the lesson file's own lines.
    row("inline scenario error",
        replaced("      scenario: handshake.tcplab\n      mode: sim\n",
                 "      scenario: |\n        title: Inline\n        server listen\n        client conect\n      mode: sim\n"),
        {"lesson.yaml:10: step 1: run: scenario: unknown call \"conect\" (did you mean \"connect\"?)"});
    row("live run of a sim-only scenario",
        replaced("      scenario: handshake.tcplab\n      mode: sim\n",
                 "      scenario: |\n        mode: sim\n        server listen\n      mode: both\n"),
        {"lesson.yaml:7: step 1: run: mode both, but the scenario says mode: sim"});

    // YAML itself.
    row("yaml syntax", replaced("title: {en: T, zh_CN: 标题}", "title: {en: T, zh_CN: 标题"),
        {"lesson.yaml:3: YAML: end of map flow not found (inside {...}, put a text with ? : , [ ] { } in quotes)"});
    row("question mark unquoted", replaced("ask: {en: Q, zh_CN: 问}", "ask: {en: Why?, zh_CN: 问}"),
        {"lesson.yaml:10: YAML: unknown token (inside {...}, put a text with ? : , [ ] { } in quotes)"});
    row("tab indentation", replaced("      mode: sim", "\tmode: sim"),
        {"lesson.yaml:8: YAML: illegal tab when looking for indentation"});
    row("empty file", "", {"lesson.yaml:1: the file is empty"});
    row("not a map", "- a\n- b\n", {"lesson.yaml:1: the lesson: expected keys and values (key: value lines)"});
}

void TestLessonLoader::errors()
{
    QFETCH(QString, yaml);
    QFETCH(QStringList, expected);
    QCOMPARE(errorLines(parseLesson(yaml.toStdString(), "lesson.yaml", options())), expected);
}

void TestLessonLoader::errors_scenarioFileNotFound()
{
    QCOMPARE(errorLines(parseLesson(replaced("      scenario: handshake.tcplab\n      mode: sim", "      scenario: nosuch.tcplab"),
                                    "dir/lesson.yaml", options())),
             QStringList(QStringLiteral("dir/lesson.yaml:7: step 1: run: scenario file \"nosuch.tcplab\" not found "
                                        "(looked in dir, " TCPLAB_SCENARIOS ", dir/../scenarios)")));
}

void TestLessonLoader::errors_scenarioFileDoesNotParse()
{
    const std::string path = TCPLAB_LESSON_DATA "/bad/x.lesson.yaml";
    QCOMPARE(errorLines(parseLesson(replaced("      scenario: handshake.tcplab\n      mode: sim", "      scenario: broken.tcplab"),
                                    path, options())),
             QStringList(QString::fromStdString(path)
                         + QStringLiteral(":7: step 1: run: scenario: broken.tcplab:2:8: unknown call \"lisen\" (did you mean \"listen\"?)")));
}

QTEST_GUILESS_MAIN(TestLessonLoader)
#include "tst_lessonloader.moc"
