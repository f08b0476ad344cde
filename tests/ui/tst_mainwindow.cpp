// The main window, offscreen: the default scenario in every view, the playhead driving them,
// and the interactive lab on the simulator (connect, then close: FIN, CLOSE_WAIT, recv() = 0);
// what the window remembers between runs, in a settings file of its own (never the user's).
#include "ui/window/appsettings.h"
#include "ui/lab/interactivelabpanel.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/lab/labdprocess.h"
#include "ui/lab/labdrun.h"
#include "ui/window/languagemanager.h"
#include "ui/window/mainwindow.h"
#include "ui/window/recentfiles.h"
#include "ui/sequence/sequencediagramview.h"
#include "ui/tables/statetableview.h"

#include "model/modelroles.h"
#include "model/statemeanings.h"
#include "model/playhead.h"
#include "model/stategraphmodel.h"
#include "model/tracemodel.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "sim/simulator.h"

#include "tracestrings.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>
#include <QActionGroup>
#include <QDockWidget>
#include <QFile>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGroupBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QLabel>
#include <QListWidget>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_largeEvents = 0;

    static QStringList states(const TraceModel &m)
    {
        QStringList lines;
        for (int r = 0; r < m.rowCount(); ++r) {
            if (m.event(r).type == tcplab::EventType::State)
                lines.append(QString::fromStdString(tcplab::endpointName(m.event(r).ep) + " "
                                                      + tcp::stateName(m.event(r).to)));
        }
        return lines;
    }

    // The lab's client (0) or server (1) call buttons.
    static QList<QPushButton *> buttonsOf(InteractiveLabPanel *lab, int side)
    {
        const QList<QGroupBox *> boxes =
            lab->findChildren<QGroupBox *>(QString(), Qt::FindDirectChildrenOnly);
        return side < boxes.size() ? boxes[side]->findChildren<QPushButton *>()
                                   : QList<QPushButton *>();
    }
    static QStringList labelTexts(const QWidget *w)
    {
        QStringList texts;
        for (const QLabel *l : w->findChildren<QLabel *>())
            texts << l->text();
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Settings go to a fresh file: the tests neither read nor change the user's.
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qputenv("TCPLAB_SETTINGS", m_dir.filePath(QStringLiteral("settings.ini")).toLocal8Bit());
    }

    // File > Open example lists each example by its title in the UI's language, its sentence
    // as the tooltip; a run of it is titled so; a change of language renames the entries.
    void examplesInTheLanguage()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        MainWindow w(&languages);
        const auto entry = [&w](const QString &file) -> QAction * {
            const QList<QAction *> actions = w.findChildren<QAction *>();
            for (QAction *a : actions)
                if (a->statusTip() == file)
                    return a;
            return nullptr;
        };
        const QRegularExpression chinese(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
        int named = 0;
        for (const QString &path : MainWindow::examples()) {
            if (path.isEmpty())
                continue;
            const QAction *a = entry(QFileInfo(path).fileName());
            QVERIFY2(a, qPrintable(path));
            QVERIFY2(a->text().contains(chinese), qPrintable(path + QStringLiteral(": ") + a->text()));
            QVERIFY2(a->toolTip().contains(chinese), qPrintable(path + QStringLiteral(": ") + a->toolTip()));
            ++named;
        }
        QCOMPARE(named, 37);
        QAction *closeWait = entry(QStringLiteral("close-wait.tcplab"));
        QVERIFY(closeWait);
        const QString zhTitle = QStringLiteral("卡在 CLOSE_WAIT：recv() 已返回 0，却没人调用 close()");
        QCOMPARE(closeWait->text(), zhTitle);
        closeWait->trigger(); // opens it: the run is titled in Chinese
        QCOMPARE(QString::fromStdString(w.traceModel()->trace().title), zhTitle);
        QVERIFY2(w.windowTitle().contains(zhTitle), qPrintable(w.windowTitle()));

        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCOMPARE(closeWait->text(),
                 QStringLiteral("Stuck in CLOSE_WAIT: recv() returned 0 and nobody called close()"));
        QVERIFY(closeWait->toolTip().startsWith(QStringLiteral("Only the application's close()")));
        closeWait->trigger();
        QCOMPARE(QString::fromStdString(w.traceModel()->trace().title), closeWait->text());
        // The last group is the protocols that are not TCP, and only they.
        const QStringList paths = MainWindow::examples();
        const qsizetype last = paths.lastIndexOf(QString());
        QVERIFY(last > 0);
        for (qsizetype i = 0; i < paths.size(); ++i) {
            if (paths[i].isEmpty())
                continue;
            const QString title = entry(QFileInfo(paths[i]).fileName())->text();
            QVERIFY2(title.contains(QStringLiteral("not TCP")) == (i > last), qPrintable(title));
        }
    }

    void opensTheEmbeddedScenario()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        QVERIFY(MainWindow::examples().contains(MainWindow::defaultScenario()));
        QVERIFY(w.openFile(MainWindow::defaultScenario()));
        QVERIFY(w.traceModel()->rowCount() > 20);
        QCOMPARE(w.playhead()->current(), w.traceModel()->rowCount() - 1);
        QCOMPARE(w.stateGraphModel()->currentState(Side::Client), tcp::State::Closed);
        QCOMPARE(w.stateGraphModel()->path(Side::Client).size(), std::size_t(6));
        // Stepping moves every view's model.
        w.playhead()->toStart();
        QSignalSpy paths(w.stateGraphModel(), &StateGraphModel::pathsChanged);
        int row = 0;
        while (w.stateGraphModel()->currentState(Side::Client) != tcp::State::SynSent) {
            w.playhead()->stepForward();
            QVERIFY(++row < 10);
        }
        QCOMPARE(paths.count(), row);
        // The state table's detail line: the whole meaning of the client's state, never cut.
        auto *table = w.findChild<StateTableView *>();
        QVERIFY(table);
        QCOMPARE(table->detailRow(), int(tcp::State::SynSent));
        QCOMPARE(table->detailText(),
                 QStringLiteral("SYN_SENT (client): ") + StateMeanings::meaning(tcp::State::SynSent));
        QCOMPARE(w.sequenceView()->scene().rowCount(), w.traceModel()->rowCount());
    }

    // The status bar's run label says a counterfactual run is not TCP, in both languages,
    // and stops saying it when a TCP run is opened.
    void counterfactualRunIsMarkedInTheStatusBar()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        const QString twoWay = QStringLiteral(":/scenarios/two-way-lost-synack.tcplab");
        QVERIFY(MainWindow::examples().contains(twoWay));
        QVERIFY(w.openFile(twoWay));
        auto runLabel = [&w] {
            QStringList texts;
            const auto labels = w.statusBar()->findChildren<QLabel *>();
            for (const QLabel *l : labels)
                texts << l->text();
            return texts;
        };
        QVERIFY2(runLabel().contains(QStringLiteral("simulator \u2014 not TCP (counterfactual)")),
                 qPrintable(runLabel().join(QLatin1Char('|'))));
        QVERIFY(w.stateGraphModel()->variant().twoWayHandshake);
        QVERIFY(w.sequenceView()->scene().counterfactual());
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN"))); // retranslates on the event
        QTRY_VERIFY2(runLabel().contains(QStringLiteral("模拟器 — 不是 TCP（假想）")),
                     qPrintable(runLabel().join(QLatin1Char('|'))));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QVERIFY(w.openFile(MainWindow::defaultScenario()));
        QVERIFY(runLabel().contains(QStringLiteral("simulator")));
        for (const QString &text : runLabel())
            QVERIFY2(!text.contains(QLatin1String("not TCP")), qPrintable(text));
    }

    void labConnectThenCloseOnTheSimulator()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        InteractiveLabPanel *lab = w.lab();
        QSignalSpy status(lab, &InteractiveLabPanel::statusMessage);
        for (const char *line :
             {"server listen", "client connect timeout 2s", "server accept timeout 2s",
              "client close", "server recv timeout 2s"})
            lab->runLine(QLatin1String(line));
        QTRY_COMPARE(status.count(), 5);
        QCOMPARE(status.last().at(0).toString(),
                 QStringLiteral("recv() = 0 (end of file: the peer has closed)"));
        const QStringList s = states(*w.traceModel());
        QVERIFY2(s.contains(QStringLiteral("server CLOSE_WAIT")),
                 qPrintable(s.join(QLatin1Char(','))));
        QVERIFY(s.contains(QStringLiteral("client FIN_WAIT_2")));
        bool fin = false;
        for (int r = 0; r < w.traceModel()->rowCount(); ++r)
            fin = fin || w.traceModel()->event(r).flags == (tcp::FIN | tcp::ACK);
        QVERIFY(fin);
        QVERIFY(lab->hasUnsavedSession());
        QCOMPARE(lab->sessionSteps().size(), 5);
    }

    // One trace has one source (issue 10): a lab session does not add to a run opened after it.
    // Opening a file asks about the unsaved session; a call pressed next starts a new session.
    void labSessionEndsWhenAnotherRunIsOpened()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        InteractiveLabPanel *lab = w.lab();
        for (const char *line : {"server listen", "client connect timeout 2s"})
            lab->runLine(QLatin1String(line));
        QTRY_VERIFY(lab->hasUnsavedSession());
        bool asked = false;
        QTimer::singleShot(0, this, [&asked] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = true;
                box->button(QMessageBox::Discard)->click();
            }
        });
        QVERIFY(w.openFile(QStringLiteral(":/scenarios/handshake.tcplab")));
        QVERIFY(asked);
        const tcplab::Trace opened = w.traceModel()->trace();
        QCOMPARE(opened.producer, std::string("sim"));
        QVERIFY(opened.title != "Interactive session");
        // The lab's next call: not appended to the opened run, a session of its own.
        lab->runLine(QStringLiteral("client close"));
        QTRY_COMPARE(w.traceModel()->trace().title, std::string("Interactive session"));
        for (const tcplab::Event &e : w.traceModel()->trace().events)
            QVERIFY(e.type != tcplab::EventType::Segment || e.flags != tcp::SYN);
    }

    // A failed expect is marked on its line, as a syntax error is, and the views say it.
    void failedExpectIsMarkedOnItsLine()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        w.editor()->setDocument(QStringLiteral("server listen\nclient connect\n"
                                               "expect server CLOSE_WAIT\n"),
                                QString());
        w.editor()->runSimulator();
        auto *errors = w.editor()->findChild<QListWidget *>(QStringLiteral("scenarioErrors"));
        QVERIFY(errors);
        QCOMPARE(errors->count(), 1);
        QCOMPARE(errors->item(0)->text(),
                 QStringLiteral("line 3, column 1: did not hold: expected server CLOSE_WAIT, is "
                                "SYN_RECEIVED"));
        const tcplab::Trace &t = w.traceModel()->trace();
        QCOMPARE(int(t.events.back().type), int(tcplab::EventType::Note));
        QCOMPARE(t.events.back().line, 3);
    }

    void labSessionSavesWhatWasPressed()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        InteractiveLabPanel *lab = w.lab();
        QSignalSpy status(lab, &InteractiveLabPanel::statusMessage);
        lab->pressCall(QStringLiteral("server"), QStringLiteral("listen"));
        lab->pressCall(QStringLiteral("client"), QStringLiteral("connect"));
        lab->pressCall(QStringLiteral("server"), QStringLiteral("accept"));
        lab->pressCall(QStringLiteral("client"), QStringLiteral("send"), 100);
        lab->pressCall(QStringLiteral("server"), QStringLiteral("recv"));
        lab->runLine(QStringLiteral("client close"));
        lab->runLine(QStringLiteral("server recv timeout 1s")); // a timeout given: kept
        QTRY_COMPARE(status.count(), 7);
        const QString file = m_dir.filePath(QStringLiteral("session.tcplab"));
        QString error;
        QVERIFY2(lab->saveSession(file, &error), qPrintable(error));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QStringList steps = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(steps.size() > 7);
        QVERIFY(steps.first().startsWith(QLatin1String("title: ")));
        steps = steps.mid(steps.size() - 7);
        // Like the shipped scenarios: the lab's own 2 s timeouts are not saved.
        QCOMPARE(steps, (QStringList{QStringLiteral("server listen"),
                                     QStringLiteral("client connect"),
                                     QStringLiteral("server accept"),
                                     QStringLiteral("client send 100"),
                                     QStringLiteral("server recv"),
                                     QStringLiteral("client close"),
                                     QStringLiteral("server recv timeout 1s")}));
        scenario::Scenario parsed;
        std::vector<scenario::ParseError> errors;
        QVERIFY(scenario::parseScenario(text.toStdString(), "session.tcplab", parsed, errors));
        QCOMPARE(parsed.steps.size(), std::size_t(7));
    }

    // Each endpoint's call runs on its own (issue 10): the server's accept blocks, the client
    // stays usable, and its connect wakes the accept -- at once, not at the accept's timeout.
    // Saved, the session replays what happened: the accept in the background, collected where
    // it returned.
    void labBlockedAcceptIsWokenByConnect()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        InteractiveLabPanel *lab = w.lab();
        QSignalSpy status(lab, &InteractiveLabPanel::statusMessage);
        lab->pressCall(QStringLiteral("server"), QStringLiteral("listen"));
        lab->pressCall(QStringLiteral("server"), QStringLiteral("accept"));
        QCOMPARE(status.count(), 1); // listen's; accept has no result yet
        const QList<QPushButton *> serverButtons = buttonsOf(lab, 1);
        const QList<QPushButton *> clientButtons = buttonsOf(lab, 0);
        QVERIFY(!serverButtons.isEmpty() && !clientButtons.isEmpty());
        for (QPushButton *b : serverButtons)
            QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
        for (QPushButton *b : clientButtons)
            QVERIFY(b->isEnabled());
        QVERIFY(labelTexts(lab).join(QLatin1Char('|')).contains(QStringLiteral("accept() … blocked")));
        QTest::qWait(200);
        QCOMPARE(status.count(), 1); // still blocked
        lab->pressCall(QStringLiteral("client"), QStringLiteral("connect"));
        QTRY_COMPARE(status.count(), 3);
        QCOMPARE(status.at(1).at(0).toString(), QStringLiteral("connect() = 0"));
        QCOMPARE(status.at(2).at(0).toString(), QStringLiteral("accept() = 0"));
        for (QPushButton *b : serverButtons)
            QVERIFY(b->isEnabled());
        // In simulated time the accept returned with the handshake's last ACK.
        const tcplab::Trace &t = w.traceModel()->trace();
        std::int64_t acceptEnd = -1, connectAt = -1;
        for (const tcplab::Event &e : t.events) {
            if (e.type == tcplab::EventType::Call && e.call == tcp::Call::Accept)
                acceptEnd = e.tEnd;
            if (e.type == tcplab::EventType::Call && e.call == tcp::Call::Connect)
                connectAt = e.t;
        }
        QVERIFY(connectAt >= 0 && acceptEnd >= connectAt);
        QVERIFY2(acceptEnd - connectAt < 100'000, qPrintable(QString::number(acceptEnd - connectAt)));
        QCOMPARE(lab->sessionSteps(),
                 (QStringList{QStringLiteral("server listen"), QStringLiteral("server accept &"),
                              QStringLiteral("client connect"),
                              QStringLiteral("expect server returned 0")}));
        // A call that timed out is saved with its timeout.
        lab->runLine(QStringLiteral("client recv timeout 300ms &"));
        QTRY_COMPARE_WITH_TIMEOUT(status.count(), 4, 5000);
        QCOMPARE(status.last().at(0).toString(),
                 QStringLiteral("recv() = EAGAIN (nothing happened before the call's timeout)"));
        QCOMPARE(lab->sessionSteps().last(), QStringLiteral("client recv timeout 300ms"));
        // The saved session replays in the simulator as it ran.
        const QString file = m_dir.filePath(QStringLiteral("blocked.tcplab"));
        QString error;
        QVERIFY2(lab->saveSession(file, &error), qPrintable(error));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        scenario::Scenario parsed;
        std::vector<scenario::ParseError> errors;
        QVERIFY(scenario::parseScenario(f.readAll().toStdString(), "blocked.tcplab", parsed, errors));
        sim::Simulator replay(parsed);
        scenario::Runner runner(replay);
        const scenario::RunResult r = runner.run(parsed);
        QVERIFY2(r.ok, r.message.c_str());
        QCOMPARE(QString::fromStdString(runner.lastResult(tcplab::EndpointId::client())),
                 QStringLiteral("EAGAIN"));
    }

    void editorRunsOnTheRealKernelWithoutBlocking()
    {
        if (!QFileInfo(LabdProcess::helperPath()).isExecutable())
            QSKIP("tcplab-labd is not built next to this test");
        // The editor shows a helper that cannot run in a (modal) message box: ask first.
        const QString probe = m_dir.filePath(QStringLiteral("probe.tcplab"));
        QFile f(probe);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("server listen\n");
        f.close();
        const LabdRun::Result r = LabdRun::runToEnd(probe);
        if (!r.error.isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL(qPrintable(r.error));
            QSKIP(qPrintable(r.error));
        }
        QVERIFY(r.ok);
        LanguageManager languages;
        MainWindow w(&languages);
        ScenarioEditor *editor = w.editor();
        editor->setDocument(QStringLiteral("title: Live from the editor\n"
                                           "server listen\nclient connect\nserver accept\n"
                                           "client close\nwait server CLOSE_WAIT\n"),
                            QString());
        QSignalSpy status(editor, &ScenarioEditor::statusMessage);
        editor->runLive();
        // runLive() returned before the run could end: the run needs the event loop.
        QCOMPARE(status.count(), 1);
        QCOMPARE(w.traceModel()->trace().producer, std::string("live"));
        QTRY_VERIFY_WITH_TIMEOUT(status.count() == 2, 30000);
        QCOMPARE(status.last().at(0).toString(),
                 QStringLiteral("Ran untitled.tcplab on the real kernel: every wait and expect "
                                "held."));
        QVERIFY(states(*w.traceModel()).contains(QStringLiteral("server CLOSE_WAIT")));
    }

    void labConnectThenCloseOnTheRealKernel()
    {
        if (!QFileInfo(LabdProcess::helperPath()).isExecutable())
            QSKIP("tcplab-labd is not built next to this test");
        LanguageManager languages;
        MainWindow w(&languages);
        InteractiveLabPanel *lab = w.lab();
        lab->setLive(true);
        QSignalSpy status(lab, &InteractiveLabPanel::statusMessage);
        QSignalSpy failed(lab, &InteractiveLabPanel::sessionFailed);
        for (const char *line :
             {"server listen", "client connect timeout 2s", "server accept timeout 2s",
              "client close", "server recv timeout 2s"})
            lab->runLine(QLatin1String(line));
        QTRY_VERIFY_WITH_TIMEOUT(status.count() == 5 || !failed.isEmpty(), 30000);
        if (!failed.isEmpty()) {
            // No user namespace on this machine (the live lab's own tests say so too); never
            // silent on CI.
            const QByteArray why = failed.first().at(0).toString().toUtf8();
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL(why.constData());
            QSKIP(why.constData());
        }
        QCOMPARE(status.last().at(0).toString(),
                 QStringLiteral("recv() = 0 (end of file: the peer has closed)"));
        QTRY_VERIFY_WITH_TIMEOUT(
            states(*w.traceModel()).contains(QStringLiteral("server CLOSE_WAIT")), 5000);
        QCOMPARE(w.traceModel()->trace().producer, std::string("live"));
    }

    // The same on the real kernel: the accept blocks in the helper's server process, the
    // client's connect runs meanwhile and wakes it well before its 10 s timeout.
    void labBlockedAcceptIsWokenByConnectOnTheRealKernel()
    {
        if (!QFileInfo(LabdProcess::helperPath()).isExecutable())
            QSKIP("tcplab-labd is not built next to this test");
        LanguageManager languages;
        MainWindow w(&languages);
        InteractiveLabPanel *lab = w.lab();
        lab->setLive(true);
        QSignalSpy status(lab, &InteractiveLabPanel::statusMessage);
        QSignalSpy failed(lab, &InteractiveLabPanel::sessionFailed);
        lab->pressCall(QStringLiteral("server"), QStringLiteral("listen"));
        lab->pressCall(QStringLiteral("server"), QStringLiteral("accept"));
        QTRY_VERIFY_WITH_TIMEOUT(status.count() == 1 || !failed.isEmpty(), 30000);
        if (!failed.isEmpty()) {
            const QByteArray why = failed.first().at(0).toString().toUtf8();
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL(why.constData());
            QSKIP(why.constData());
        }
        QTRY_VERIFY_WITH_TIMEOUT(!buttonsOf(lab, 1).first()->isEnabled(), 5000);
        QVERIFY(buttonsOf(lab, 0).first()->isEnabled());
        QTest::qWait(300);
        QCOMPARE(status.count(), 1); // accept is still blocked
        QElapsedTimer clock;
        clock.start();
        lab->pressCall(QStringLiteral("client"), QStringLiteral("connect"));
        QTRY_VERIFY_WITH_TIMEOUT(status.count() == 3, 8000);
        QVERIFY2(clock.elapsed() < 5000, "the accept waited for its timeout");
        QStringList results;
        for (const QList<QVariant> &args : status)
            results << args.at(0).toString();
        QVERIFY2(results.contains(QStringLiteral("accept() = 0")), qPrintable(results.join(QLatin1Char('|'))));
        QVERIFY(results.contains(QStringLiteral("connect() = 0")));
        QVERIFY(buttonsOf(lab, 1).first()->isEnabled());
        QCOMPARE(lab->sessionSteps(),
                 (QStringList{QStringLiteral("server listen"), QStringLiteral("server accept &"),
                              QStringLiteral("client connect"),
                              QStringLiteral("expect server returned 0")}));
        QTRY_VERIFY_WITH_TIMEOUT(
            states(*w.traceModel()).contains(QStringLiteral("server ESTABLISHED")), 5000);
    }

    // The issue-12 "done when" in the app: the student holds every segment, presses close,
    // and the views show the client in FIN_WAIT_1 and the server still ESTABLISHED while the
    // FIN is held (drawn half-way); Deliver (F5) lets it go and CLOSE_WAIT appears. The saved
    // session replays the verdicts as fault steps before the step that sent the segment.
    void labHoldsSegmentsOnTheRealKernel()
    {
        if (!QFileInfo(LabdProcess::helperPath()).isExecutable())
            QSKIP("tcplab-labd is not built next to this test");
        LanguageManager languages;
        MainWindow w(&languages);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        InteractiveLabPanel *lab = w.lab();
        auto *labDock = w.findChild<QDockWidget *>(QStringLiteral("labDock"));
        QVERIFY(labDock);
        labDock->raise();
        QTRY_VERIFY(lab->isVisible());
        lab->setLive(true);
        QSignalSpy status(lab, &InteractiveLabPanel::statusMessage);
        QSignalSpy failed(lab, &InteractiveLabPanel::sessionFailed);
        lab->pressCall(QStringLiteral("server"), QStringLiteral("listen"));
        QTRY_VERIFY_WITH_TIMEOUT(status.count() == 1 || !failed.isEmpty(), 30000);
        if (!failed.isEmpty()) {
            const QByteArray why = failed.first().at(0).toString().toUtf8();
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL(why.constData());
            QSKIP(why.constData());
        }
        lab->pressCall(QStringLiteral("server"), QStringLiteral("accept"));
        lab->pressCall(QStringLiteral("client"), QStringLiteral("connect"));
        QTRY_VERIFY_WITH_TIMEOUT(states(*w.traceModel()).contains(QStringLiteral("server ESTABLISHED")),
                                 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status.count(), 3, 5000); // connect and accept returned
        lab->setHoldSegments(true);
        QVERIFY(lab->holdsSegments());
        lab->pressCall(QStringLiteral("client"), QStringLiteral("close"));
        QTRY_COMPARE_WITH_TIMEOUT(w.traceModel()->held().size(), 1, 5000);
        const TraceModel::Held fin = w.traceModel()->held().first();
        QCOMPARE(tcp::flagsName(fin.segment.flags), std::string("FIN+ACK"));
        QTRY_VERIFY_WITH_TIMEOUT(states(*w.traceModel()).contains(QStringLiteral("client FIN_WAIT_1")),
                                 5000);
        QCOMPARE(states(*w.traceModel()).last(), QStringLiteral("client FIN_WAIT_1"));
        QVERIFY(!states(*w.traceModel()).contains(QStringLiteral("server CLOSE_WAIT")));
        // The held segment is drawn over the diagram: its label is on screen.
        auto *sequence = w.findChild<SequenceDiagramView *>();
        QVERIFY(sequence);
        // Deliver, by its key, as a student would.
        auto *deliver = lab->findChild<QGroupBox *>(QStringLiteral("holdBox"))
                            ->findChildren<QPushButton *>()
                            .first();
        QVERIFY(deliver->isEnabled());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QCOMPARE(deliver->shortcut(), QKeySequence(Qt::Key_F5));
        QTest::keySequence(&w, QKeySequence(Qt::Key_F5));
        QTRY_VERIFY_WITH_TIMEOUT(states(*w.traceModel()).contains(QStringLiteral("server CLOSE_WAIT")),
                                 5000);
        // The server's ACK of the FIN is held next (the client's TCP may retransmit its FIN
        // soon after, held behind it): drop it (F6), the oldest.
        QTRY_VERIFY_WITH_TIMEOUT(!w.traceModel()->held().isEmpty(), 5000);
        QCOMPARE(w.traceModel()->held().first().segment.src, tcplab::EndpointId::server());
        QCOMPARE(w.traceModel()->held().first().hold, 2);
        QTest::keySequence(&w, QKeySequence(Qt::Key_F6));
        QTRY_VERIFY_WITH_TIMEOUT(w.traceModel()->held().isEmpty()
                                     || w.traceModel()->held().first().hold != 2, 5000);
        lab->setHoldSegments(false);
        QTRY_VERIFY_WITH_TIMEOUT(states(*w.traceModel()).contains(QStringLiteral("client FIN_WAIT_2")),
                                 5000);
        QTRY_VERIFY(w.traceModel()->held().isEmpty());
        const QStringList steps = lab->sessionSteps();
        const int close = int(steps.indexOf(QStringLiteral("client close")));
        QVERIFY2(close > 0, qPrintable(steps.join(QLatin1Char('|'))));
        QVERIFY2(steps.contains(QStringLiteral("drop server->client ACK")),
                 qPrintable(steps.join(QLatin1Char('|'))));
        QVERIFY2(steps.indexOf(QStringLiteral("drop server->client ACK")) < close,
                 qPrintable(steps.join(QLatin1Char('|'))));
    }

    // The window fits the screen it opens on (issue 10: it opened 1485 px wide on a 1024 px
    // screen, because it was sized before its tables became tabs). The offscreen platform's
    // screen is 800 x 600, smaller than any laptop's; every lab button stays reachable.
    void windowFitsASmallScreen()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        const QSize screen = w.screen()->availableGeometry().size();
        QVERIFY2(screen.width() < 1400, "the offscreen screen is not small");
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(w.width() <= screen.width() && w.height() <= screen.height(),
                 qPrintable(QStringLiteral("%1x%2 on a %3x%4 screen")
                                .arg(w.width()).arg(w.height()).arg(screen.width()).arg(screen.height())));
        // At 1024 x 700, the issue's laptop, every lab button is on screen without scrolling.
        w.resize(1024, 700);
        auto *labDock = w.findChild<QDockWidget *>(QStringLiteral("labDock"));
        QVERIFY(labDock);
        labDock->raise();
        QTRY_VERIFY(w.lab()->isVisible());
        QTRY_COMPARE(w.size(), QSize(1024, 700));
        // The sequence diagram has the width its two lifelines and labels need; the state
        // graph is folded away (View menu) rather than squeezing it.
        const auto *sequence = w.findChild<SequenceDiagramView *>();
        QVERIFY(sequence);
        QVERIFY2(sequence->width() >= 640, qPrintable(QString::number(sequence->width())));
        const QWidget *viewport = w.lab()->parentWidget();
        for (int side = 0; side < 2; ++side) {
            for (QPushButton *b : buttonsOf(w.lab(), side)) {
                const QRect r(b->mapTo(viewport, QPoint(0, 0)), b->size());
                QVERIFY2(b->isVisible() && viewport->rect().contains(r), qPrintable(b->text()));
            }
        }
    }

    // A large trace is read off the GUI thread (issue 13): openFile() returns at once, a
    // progress dialog with Cancel shows, and the views get the trace when it is read.
    // Cancelled, the views keep what they showed.
    void largeTraceLoadsInTheBackground()
    {
        const QString file = m_dir.filePath(QStringLiteral("large.jsonl"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray line;
            int n = 0;
            for (qint64 t = 0; f.size() <= MainWindow::kBackgroundBytes; t += 200, ++n) {
                line = QByteArray(R"({"t":)") + QByteArray::number(t)
                       + R"(,"type":"segment","src":"client","dst":"server","flags":"ACK","seq":1,)"
                         R"("ack":1,"seq_abs":1,"ack_abs":1,"len":0,"win":65535,"options":"",)"
                         R"("fate":"delivered","rtx":false,"t_arrive":null})" "\n";
                f.write(line);
                f.flush();
            }
            m_largeEvents = n;
        }
        LanguageManager languages;
        MainWindow w(&languages);
        w.show();
        QVERIFY(w.openFile(MainWindow::defaultScenario()));
        const int before = w.traceModel()->rowCount();
        QSignalSpy finished(&w, &MainWindow::loadFinished);
        QVERIFY(w.openFile(file));
        QVERIFY(w.isLoading());
        QCOMPARE(w.traceModel()->rowCount(), before); // not yet: the window paints meanwhile
        QVERIFY(w.findChild<QProgressDialog *>());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(w.traceModel()->rowCount(), m_largeEvents);
        QVERIFY(!w.isLoading());

        QVERIFY(w.openFile(MainWindow::defaultScenario()));
        QVERIFY(w.openFile(file));
        const auto dialogs = w.findChildren<QProgressDialog *>();
        QVERIFY(!dialogs.isEmpty());
        auto *cancel = dialogs.last()->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click(); // as a user presses Cancel
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(w.traceModel()->rowCount(), before);
        QVERIFY(QFile::remove(file)); // out of the recent files the next tests read
    }

    void recentFilesListNewestFirstAtMostEight()
    {
        const QStringList abc = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        QCOMPARE(RecentFiles::prepended(abc, QStringLiteral("b")),
                 (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")}));
        QStringList eight;
        for (int i = 1; i <= 8; ++i)
            eight.append(QString::number(i));
        const QStringList nine = RecentFiles::prepended(eight, QStringLiteral("new"));
        QCOMPARE(nine.size(), RecentFiles::kMaxFiles);
        QCOMPARE(nine.first(), QStringLiteral("new"));
        QCOMPARE(nine.last(), QStringLiteral("7"));
    }

    void remembersRecentFilesLayoutAndLanguage()
    {
        const QString file = m_dir.filePath(QStringLiteral("lost-final-ack.tcplab"));
        QVERIFY(QFile::copy(QStringLiteral(TCPLAB_SOURCE_DIR
                                           "/resources/scenarios/lost-final-ack.tcplab"),
                            file));
        QSize size;
        {
            LanguageManager languages;
            MainWindow w(&languages);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.openFile(file));
            QVERIFY(w.openFile(MainWindow::defaultScenario())); // embedded: not recorded
            QCOMPARE(w.recentFiles()->files(), QStringList{file});
            w.resize(w.screen()->availableGeometry().size() - QSize(40, 30));
            size = w.size(); // what the window allows (its docks have minimum sizes)
            w.findChild<QDockWidget *>(QStringLiteral("stateTableDock"))->close();
            QVERIFY(w.close());
        }
        {
            LanguageManager languages;
            MainWindow w(&languages);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QCOMPARE(w.size(), size);
            QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("stateTableDock"))->isHidden());
            QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("eventsDock"))->isVisible());
            QCOMPARE(w.recentFiles()->files(), QStringList{file});
            QVERIFY(QFile::remove(file));
            QCOMPARE(w.recentFiles()->files(), QStringList()); // missing files are dropped

            // The language chosen in the menu is saved (main() reads it at the next start).
            QAction *chinese = nullptr, *english = nullptr;
            const QList<QActionGroup *> groups = w.findChildren<QActionGroup *>();
            for (QActionGroup *g : groups) {
                const QList<QAction *> actions = g->actions();
                for (QAction *a : actions) {
                    if (a->data() == QStringLiteral("zh_CN"))
                        chinese = a;
                    else if (a->data() == QStringLiteral("en"))
                        english = a;
                }
            }
            QVERIFY(chinese && english);
            chinese->trigger();
            QCOMPARE(languages.language(), QStringLiteral("zh_CN"));
            QCOMPARE(AppSettings::open()->value(AppSettings::languageKey()).toString(),
                     QStringLiteral("zh_CN"));
            english->trigger();
            QCOMPARE(AppSettings::open()->value(AppSettings::languageKey()).toString(),
                     QStringLiteral("en"));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
