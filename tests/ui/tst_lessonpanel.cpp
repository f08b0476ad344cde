// The Lessons panel as a student uses it, offscreen, in the main window: lesson 1 on the real
// kernel -- a wrong prediction gets its explanation and the playhead on the event that decided
// it; the right one goes on; the progress survives a restart. Settings in a file of the test's
// own. Where the live lab cannot start the panel falls back to the simulator, and says so; on CI
// (CI=true) that fails the test: the kernel run is what the lesson is about.
#include "ui/lessons/lessonpanel.h"
#include "ui/lessons/questionbox.h"
#include "ui/window/languagemanager.h"
#include "ui/window/mainwindow.h"
#include "ui/editor/scenarioeditor.h"

#include "model/playhead.h"
#include "model/tracemodel.h"
#include "tcp/segment.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestLessonPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    template <typename T> static T *child(QWidget *w, const char *name)
    {
        T *c = w->findChild<T *>(QLatin1String(name));
        if (!c)
            qFatal("no widget %s", name);
        return c;
    }

    // Picks the option whose value is `value` and writes a reason.
    static void predict(LessonPanel *panel, const QString &value, const QString &reason)
    {
        const QList<QAbstractButton *> options = panel->findChildren<QAbstractButton *>(
            QRegularExpression(QStringLiteral("^lessonOption\\d+$")));
        bool found = false;
        for (QAbstractButton *b : options) {
            if (b->property("value").toString() == value) {
                b->click();
                found = true;
            }
        }
        QVERIFY2(found, qPrintable(QStringLiteral("no option %1").arg(value)));
        child<QLineEdit>(panel, "lessonReason")->setText(reason);
    }

    // Runs the step and waits for the verdict (skipping the replay of the run).
    static void runStep(LessonPanel *panel)
    {
        QPushButton *run = child<QPushButton>(panel, "lessonRun");
        QVERIFY(run->isEnabled());
        run->click();
        QPushButton *skip = child<QPushButton>(panel, "lessonSkip");
        QLabel *outcome = child<QLabel>(panel, "lessonOutcome");
        // The kernel run takes about a second; then the run plays, and may be skipped.
        QTRY_VERIFY_WITH_TIMEOUT(!skip->isHidden() || outcome->text().contains(QLatin1String("###"))
                                     || outcome->text().contains(QLatin1String("could not run")),
                                 20000);
        if (outcome->text().contains(QLatin1String("could not run"))) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL(qPrintable(outcome->text()));
            qWarning("the live lab could not start; running the step in the simulator");
            run->click();
            QTRY_VERIFY_WITH_TIMEOUT(!skip->isHidden(), 5000);
        }
        if (!skip->isHidden())
            skip->click();
        QTRY_VERIFY_WITH_TIMEOUT(outcome->text().contains(QLatin1String("###"))
                                     || !child<QPushButton>(panel, "lessonNext")->isHidden(),
                                 5000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(panel, "lessonNext")->isEnabled(), 5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qputenv("TCPLAB_SETTINGS", m_dir.filePath(QStringLiteral("settings.ini")).toLocal8Bit());
        qputenv("TCPLAB_LESSONS", TCPLAB_SOURCE_DIR "/resources/lessons");
    }

    void lessonOne()
    {
        LanguageManager languages;
        languages.setLanguage(QStringLiteral("en"));
        auto window = std::make_unique<MainWindow>(&languages);
        LessonPanel *panel = window->lessons();
        QCOMPARE(panel->lessonCount(), 13);
        // A first start opens lesson 1 at its first step.
        QCOMPARE(panel->currentLesson(), 0);
        QCOMPARE(panel->currentStep(), 0);
        QCOMPARE(panel->lesson()->number, 1);
        QPushButton *run = child<QPushButton>(panel, "lessonRun");
        QPushButton *next = child<QPushButton>(panel, "lessonNext");
        // Predict before the run: no run without an answer and a reason.
        QVERIFY(!run->isEnabled());
        QVERIFY(!next->isEnabled());

        // Step 1, a wrong prediction: the server answers with a plain ACK.
        predict(panel, QStringLiteral("ACK"), QStringLiteral("it acknowledges first"));
        runStep(panel);
        const QString wrong = child<QLabel>(panel, "lessonOutcome")->text();
        QVERIFY2(wrong.contains(QLatin1String("Not this time")), qPrintable(wrong));
        QVERIFY2(wrong.contains(QLatin1String("the run shows **SYN+ACK**")), qPrintable(wrong));
        QVERIFY2(wrong.contains(QLatin1String("Look at the second arrow")), qPrintable(wrong));
        // The playhead is on the deciding event: the server's first segment, a SYN+ACK.
        const int at = window->playhead()->current();
        QVERIFY(at >= 0);
        const tcplab::Event &decider = window->traceModel()->event(at);
        QCOMPARE(int(decider.type), int(tcplab::EventType::Segment));
        QCOMPARE(tcplab::endpointName(decider.src), std::string("server"));
        QCOMPARE(decider.flags, std::uint8_t(tcp::SYN | tcp::ACK));
        // The lesson runs on the real kernel, so that is what the views show first.
        QCOMPARE(window->traceModel()->trace().producer, std::string("live"));
        QVERIFY(next->isEnabled());
        next->click();
        QCOMPARE(panel->currentStep(), 1);

        // Step 2, the right prediction: the SYN takes one sequence number, so ack = 1.
        predict(panel, QStringLiteral("1"), QStringLiteral("the SYN takes a sequence number"));
        runStep(panel);
        const QString right = child<QLabel>(panel, "lessonOutcome")->text();
        QVERIFY2(right.contains(QLatin1String("Your prediction held")), qPrintable(right));
        next->click();
        QCOMPARE(panel->currentStep(), 2);
        QVERIFY(child<QListWidget>(panel, "lessonList")->item(0)->text().startsWith(
            QLatin1String("2/5")));

        // Progress survives a restart: the same lesson, the same step, the answers kept.
        window.reset();
        auto again = std::make_unique<MainWindow>(&languages);
        LessonPanel *restored = again->lessons();
        QCOMPARE(restored->currentLesson(), 0);
        QCOMPARE(restored->currentStep(), 2);
        QVERIFY(child<QListWidget>(restored, "lessonList")->item(0)->text().startsWith(
            QLatin1String("2/5")));
        restored->showLesson(0, 0);
        QCOMPARE(child<QLineEdit>(restored, "lessonReason")->text(),
                 QStringLiteral("it acknowledges first"));
    }

    // The issue's newcomer: lesson 1 to the end in English and lesson 5 to the end in Chinese,
    // every prediction confirmed or refuted by a run on the real kernel where the step runs
    // there (lesson 5's counterfactual steps run in the simulator: a kernel runs only TCP).
    void lessonsOneAndFiveOnTheKernel()
    {
        LanguageManager languages;
        MainWindow window(&languages);
        LessonPanel *panel = window.lessons();
        QLabel *outcome = child<QLabel>(panel, "lessonOutcome");
        for (const auto &[index, lang] : {std::pair<int, const char *>{0, "en"}, {4, "zh_CN"}}) {
            languages.setLanguage(QLatin1String(lang));
            panel->showLesson(index, 0);
            const lesson::Lesson *lesson = panel->lesson();
            for (std::size_t st = 0; st < lesson->steps.size(); ++st) {
                const lesson::Step &step = lesson->steps[st];
                const QString where = QStringLiteral("lesson %1 step %2").arg(lesson->number).arg(st + 1);
                if (step.question) {
                    if (step.question->kind == lesson::QuestionKind::ClickState)
                        panel->stateClicked(QStringLiteral("TIME_WAIT"));
                    else
                        child<QAbstractButton>(panel, "lessonOption0")->click();
                    child<QLineEdit>(panel, "lessonReason")->setText(QStringLiteral("reason"));
                }
                if (step.run) {
                    runStep(panel);
                    // Which runs the views can show: a kernel one wherever the step runs there.
                    const QComboBox *showing = child<QComboBox>(panel, "lessonShowing");
                    bool onKernel = window.traceModel()->trace().producer == "live";
                    for (int i = 0; i < showing->count(); ++i)
                        onKernel = onKernel || showing->itemText(i).contains(QStringLiteral("kernel"))
                                   || showing->itemText(i).contains(QStringLiteral("内核"));
                    QCOMPARE(onKernel, lesson::runsLive(step.run->mode));
                    // The run shown is titled by its scenario, in the UI's language.
                    const std::string language = lang; // (a lambda cannot capture a binding)
                    const auto titled = [&](const std::optional<lesson::RunSpec> &spec) {
                        return spec && window.traceModel()->trace().title ==
                                           spec->source.scenario.titleIn(language);
                    };
                    if (!step.run->source.scenario.title.empty())
                        QVERIFY2(titled(step.run) || titled(step.compare),
                                 qPrintable(where + QStringLiteral(": ") +
                                            QString::fromStdString(
                                                window.traceModel()->trace().title)));
                    if (step.question)
                        QVERIFY2(outcome->text().contains(QStringLiteral("###")), qPrintable(where));
                }
                child<QPushButton>(panel, "lessonNext")->click();
            }
            QVERIFY(child<QListWidget>(panel, "lessonList")->item(index)->text().startsWith(
                QStringLiteral("✔")));
        }
    }

    // Every step of every lesson, as a student clicking through in the simulator: each question
    // gets an answer from the run and a verdict, click-state questions take a click in the graph,
    // the try-it step opens its scenario in the editor, and the lesson ends finished.
    void everyLessonToTheEnd()
    {
        LanguageManager languages;
        languages.setLanguage(QStringLiteral("en"));
        MainWindow window(&languages);
        LessonPanel *panel = window.lessons();
        panel->setUseKernel(false); // the kernel runs are lessons_shipped_check's
        QLabel *outcome = child<QLabel>(panel, "lessonOutcome");
        for (int l = 0; l < panel->lessonCount(); ++l) {
            panel->showLesson(l, 0);
            const lesson::Lesson *lesson = panel->lesson();
            for (std::size_t st = 0; st < lesson->steps.size(); ++st) {
                const lesson::Step &step = lesson->steps[st];
                const QString where = QStringLiteral("lesson %1 step %2").arg(lesson->number).arg(st + 1);
                QCOMPARE(panel->currentStep(), int(st));
                if (step.question) {
                    if (step.question->kind == lesson::QuestionKind::ClickState)
                        panel->stateClicked(QStringLiteral("CLOSED"));
                    else
                        child<QAbstractButton>(panel, "lessonOption0")->click();
                    child<QLineEdit>(panel, "lessonReason")->setText(QStringLiteral("a guess"));
                }
                if (step.run) {
                    runStep(panel);
                    const QString text = outcome->text();
                    if (step.question)
                        QVERIFY2(text.contains(QLatin1String("Your prediction held"))
                                     || text.contains(QLatin1String("Not this time")),
                                 qPrintable(where + QStringLiteral(": ") + text));
                    QVERIFY2(!text.contains(QLatin1String("?}")) && !text.contains(QLatin1String("{{")),
                             qPrintable(where + QStringLiteral(": a query was not filled in")));
                }
                if (step.tryit) {
                    child<QPushButton>(panel, "lessonTry")->click();
                    QVERIFY2(!window.editor()->text().isEmpty(), qPrintable(where));
                }
                QPushButton *next = child<QPushButton>(panel, "lessonNext");
                QVERIFY2(next->isEnabled(), qPrintable(where));
                next->click();
            }
            QVERIFY(child<QListWidget>(panel, "lessonList")->item(l)->text().startsWith(
                QStringLiteral("✔")));
        }
    }

    // The panel follows the UI language: lesson texts and its own.
    void chinese()
    {
        LanguageManager languages;
        languages.setLanguage(QStringLiteral("zh_CN"));
        MainWindow window(&languages);
        LessonPanel *panel = window.lessons();
        panel->showLesson(0, 0);
        QVERIFY(child<QLabel>(panel, "lessonText")->text().contains(QStringLiteral("三个报文段")));
        QVERIFY(child<QListWidget>(panel, "lessonList")->item(0)->text().contains(
            QStringLiteral("三次握手")));
        languages.setLanguage(QStringLiteral("en"));
        QTRY_VERIFY(child<QLabel>(panel, "lessonText")->text().contains(
            QLatin1String("opened by three segments")));
    }
};

QTEST_MAIN(TestLessonPanel)
#include "tst_lessonpanel.moc"
