// The Chinese translation is complete and built into the app.
#include "ui/window/languagemanager.h"

#include "model/eventtext.h"
#include "model/statemeanings.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
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
