// The Chinese translation is complete and built into the app.
#include "ui/common/traceloader.h"
#include "ui/window/languagemanager.h"

#include "model/eventtext.h"
#include "model/messagetext.h"
#include "model/statemeanings.h"
#include "scenario/scenario.h"
#include "trace/counterfactual.h"
#include "trace/jsonl.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

#include <sstream>

namespace {

// The notes of a trace as the views label them.
QStringList noteLabels(const tcplab::Trace &trace)
{
    QStringList out;
    for (const tcplab::Event &e : trace.events)
        if (e.type == tcplab::EventType::Note)
            out << EventText::label(e);
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Counts are written as the language writes numbers: "1,000,000 event(s)", not "1000000".
    void countsHaveThousandsSeparators()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("PlaybackToolBar", "%Ln event(s)", nullptr, 1000000),
                 QStringLiteral("1,000,000 event(s)"));
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(QCoreApplication::translate("PlaybackToolBar", "%Ln event(s)", nullptr, 1000000),
                 QStringLiteral("1,000,000 个事件"));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    // Every shipped scenario gives its title and its sentence in Chinese too (title.zh_CN:,
    // why.zh_CN:), and a run of one is titled in the UI's language.
    void scenariosInBothLanguages()
    {
        const QDir dir(QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios"));
        const QStringList files = dir.entryList({QStringLiteral("*.tcplab")}, QDir::Files);
        QVERIFY(files.size() >= 37);
        const QRegularExpression chinese(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
        for (const QString &file : files) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            scenario::Scenario s;
            std::vector<scenario::ParseError> errors;
            QVERIFY2(scenario::parseScenario(f.readAll().toStdString(), file.toStdString(), s, errors),
                     qPrintable(file));
            for (const std::string *text : {&s.title, &s.why})
                QVERIFY2(!text->empty(), qPrintable(file));
            const QString title = QString::fromStdString(s.titleZhCN);
            const QString why = QString::fromStdString(s.whyZhCN);
            QVERIFY2(title.contains(chinese), qPrintable(file + QStringLiteral(": ") + title));
            QVERIFY2(why.contains(chinese), qPrintable(file + QStringLiteral(": ") + why));
        }

        QFile f(dir.filePath(QStringLiteral("half-close.tcplab")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(MessageText::language(), std::string("zh_CN"));
        TraceLoader::Result r = TraceLoader::runScenario(text, QStringLiteral("half-close.tcplab"));
        QVERIFY(r.ok);
        QCOMPARE(QString::fromStdString(r.trace.title), QStringLiteral("半关闭：发出 FIN 之后仍能接收"));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(MessageText::language(), std::string("en"));
        r = TraceLoader::runScenario(text, QStringLiteral("half-close.tcplab"));
        QVERIFY(r.ok);
        QCOMPARE(QString::fromStdString(r.trace.title),
                 QStringLiteral("Half-close: after sending FIN a side still receives"));
    }

    void tsFileIsComplete()
    {
        QFile f(QStringLiteral(TCPLAB_SOURCE_DIR "/translations/tcplab_zh_CN.ts"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QString context, source;
        QStringList unfinished;
        int messages = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                ++messages;
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!type.isEmpty() || text.trimmed().isEmpty())
                    unfinished.append(QStringLiteral("[%1] %2 (%3)").arg(context, source, type));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 200);
        QCOMPARE(unfinished, QStringList()); // run lupdate, then translations/fill_ts.py
    }

    void chineseLoadsAndSwitchesBack()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(QCoreApplication::translate("StateTableModel", "Meaning"), QStringLiteral("含义"));
        const QString closeWait = StateMeanings::meaning(tcp::State::CloseWait);
        QVERIFY2(closeWait.contains(QStringLiteral("close()")), qPrintable(closeWait));
        QVERIFY(closeWait.contains(QStringLiteral("对端已关闭")));
        QVERIFY(StateMeanings::meaning(tcp::State::TimeWait).contains(QStringLiteral("2MSL")));
        QCOMPARE(StateMeanings::name(tcp::State::SynSent), QStringLiteral("SYN_SENT"));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("StateTableModel", "Meaning"),
                 QStringLiteral("Meaning"));
    }

    // The plots format times in lib/plot (no Qt); their units must read as the tables' do.
    void plotUnitsFollowTheLanguage()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(EventText::withLocalUnit("500 ms"), QStringLiteral("500 毫秒"));
        QCOMPARE(EventText::withLocalUnit("1.500 s"), QStringLiteral("1.500 秒"));
        QCOMPARE(EventText::withLocalUnit("250 µs"), QStringLiteral("250 微秒"));
        QCOMPARE(EventText::withLocalUnit("0"), QStringLiteral("0"));
        QCOMPARE(EventText::duration(1500), QStringLiteral("1.5 毫秒"));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(EventText::withLocalUnit("500 ms"), QStringLiteral("500 ms"));
        QCOMPARE(EventText::withLocalUnit("1.5 s"), QStringLiteral("1.5 s"));
    }

    // The scenario editor's errors come from lib/scenario (no Qt): templates translated, the
    // arguments (the user's words, keywords, numbers) put in as they are, nested ones too.
    void parseErrorsInChinese()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        scenario::Scenario s;
        std::vector<scenario::ParseError> errors;
        QVERIFY(!scenario::parseScenario("server listen\nclient connect\nwait client SYN_SEND\n"
                                         "client dance\nclient send 0\ntitel: x\n",
                                         "t.tcplab", s, errors));
        QCOMPARE(errors.size(), std::size_t(4));
        QCOMPARE(MessageText::translated(errors[0].located()),
                 QStringLiteral(
                     "第 3 行，第 13 列：未知状态 \"SYN_SEND\"（你是不是想写 \"SYN_SENT\"？）"));
        QCOMPARE(MessageText::translated(errors[1].what),
                 QStringLiteral("未知调用 \"dance\"；调用有 listen, connect, accept, send, recv, "
                                "shutdown, close, abort, exit"));
        QCOMPARE(MessageText::translated(errors[2].what),
                 QStringLiteral("应为 1 到 1000000000 之间的字节数，实际为 \"0\""));
        QCOMPARE(MessageText::translated(errors[3].what),
                 QStringLiteral("未知头部 \"titel:\"（你是不是想写 \"title:\"？）"));
        // A step line of the interactive lab, whose list ends in "or".
        scenario::Step step;
        scenario::ParseError e;
        QVERIFY(!scenario::parseStepLine("frobnicate", 1, step, e));
        QCOMPARE(
            MessageText::translated(e.what),
            QStringLiteral("未知步骤 \"frobnicate\"；步骤以 client, server, wait, sleep, drop, "
                           "duplicate, delay, expect, note 或 inject 开头"));
        // In English the UI says what the command line says.
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        for (const scenario::ParseError &error : errors)
            QCOMPARE(MessageText::translated(error.what), QString::fromStdString(error.message));
        QCOMPARE(MessageText::translated(errors[0].located()),
                 QStringLiteral("line 3, column 13: unknown state \"SYN_SEND\" (did you mean "
                                "\"SYN_SENT\"?)"));
    }

    // A failed expect: the status bar's message, the editor's mark (without the line) and the
    // note the views show at the end of the run.
    void failedExpectInChinese()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const TraceLoader::Result r = TraceLoader::runScenario(
            QStringLiteral(
                "server listen\nclient connect\nserver accept\nexpect server CLOSE_WAIT\n"),
            QStringLiteral("t.tcplab"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.failedLine, 4);
        QCOMPARE(r.runMessage,
                 QStringLiteral("第 4 行：预期 server 处于 CLOSE_WAIT，实际为 ESTABLISHED"));
        QCOMPARE(r.runFailure, QStringLiteral("预期 server 处于 CLOSE_WAIT，实际为 ESTABLISHED"));
        QCOMPARE(
            noteLabels(r.trace).value(0),
            QStringLiteral("未成立：第 4 行：预期 server 处于 CLOSE_WAIT，实际为 ESTABLISHED"));
        const TraceLoader::Result wait = TraceLoader::runScenario(
            QStringLiteral("server listen\nwait server ESTABLISHED timeout 2s\n"),
            QStringLiteral("t.tcplab"));
        QCOMPARE(wait.runMessage,
                 QStringLiteral("第 2 行：server 在 2s 内没有进入 ESTABLISHED（当前为 LISTEN）"));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(TraceLoader::runScenario(QStringLiteral("server listen\nclient connect\nserver "
                                                         "accept\nexpect server CLOSE_WAIT\n"),
                                          QStringLiteral("t.tcplab"))
                     .runMessage,
                 QStringLiteral("line 4: expected server CLOSE_WAIT, is ESTABLISHED"));
    }

    // The notes the simulator writes for a fault and an injected segment, in the diagram, the
    // event list and the timeline (all EventText); also after a save and load as JSON Lines.
    // A trace saved before notes carried a message still shows its text.
    void faultNotesInChinese()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const TraceLoader::Result lost = TraceLoader::loadFile(
            QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios/lost-syn.tcplab"));
        QVERIFY2(lost.ok, qPrintable(lost.error));
        const QString drop = QStringLiteral("故障：drop next client->server");
        QCOMPARE(noteLabels(lost.trace), (QStringList{drop, drop}));
        std::ostringstream saved;
        tcplab::writeJsonl(saved, lost.trace);
        const TraceLoader::Result loaded = TraceLoader::readTrace(
            QByteArray::fromStdString(saved.str()), QStringLiteral("t.jsonl"));
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        QCOMPARE(noteLabels(loaded.trace), (QStringList{drop, drop}));

        const TraceLoader::Result injected = TraceLoader::runScenario(
            QStringLiteral("server listen\ninject client->server SYN seq 7000\nsleep 100ms\n"),
            QStringLiteral("t.tcplab"));
        QVERIFY2(injected.ok, qPrintable(injected.error));
        QCOMPARE(
            noteLabels(injected.trace),
            QStringList{QStringLiteral("注入：client->server SYN seq=7000（绝对序号；人工构造，"
                                       "并非 client 的 TCP 发出）")});

        // The note that marks a run of a protocol that is not TCP.
        const TraceLoader::Result twoWay = TraceLoader::runScenario(
            QStringLiteral("handshake: two-way\nserver listen\nclient connect\n"),
            QStringLiteral("t.tcplab"));
        QVERIFY2(twoWay.ok, qPrintable(twoWay.error));
        QCOMPARE(noteLabels(twoWay.trace),
                 QStringList{QStringLiteral("假想：两次握手 — 不是 TCP")});
        QVERIFY(tcplab::counterfactualVariant(twoWay.trace).twoWayHandshake); // read from its text

        const TraceLoader::Result old = TraceLoader::readTrace(
            R"({"t":0,"type":"note","text":"fault: drop next client->server","line":3})",
            QStringLiteral("old.jsonl"));
        QVERIFY2(old.ok, qPrintable(old.error));
        QCOMPARE(noteLabels(old.trace),
                 QStringList{QStringLiteral("fault: drop next client->server")});
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(noteLabels(lost.trace),
                 (QStringList{QStringLiteral("fault: drop next client->server"),
                              QStringLiteral("fault: drop next client->server")}));
    }

    void noWrongStateNamesInChinese()
    {
        LanguageManager languages;
        languages.setLanguage(QStringLiteral("zh_CN"));
        for (int i = 0; i < tcp::kStateCount; ++i) {
            const QString m = StateMeanings::meaning(static_cast<tcp::State>(i));
            QVERIFY(!m.contains(QStringLiteral("ITMED_WAIT")));
            QVERIFY(!m.contains(QStringLiteral("SYN_SEND")));
        }
        languages.setLanguage(QStringLiteral("en"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
