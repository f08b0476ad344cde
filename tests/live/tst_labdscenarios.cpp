// Every shipped scenario whose mode is live or both runs on the real kernel with its waits and
// expects holding. The folder is read when the test runs, so new scenarios join by themselves.
#include "labdprocess.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace labdtest;

class TstLabdScenarios : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { REQUIRE_LIVE_LAB(); }

    void shipped_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(sourceDir() + QStringLiteral("/resources/scenarios"));
        const QRegularExpression live(QStringLiteral("^mode:\\s*(live|both)\\b"),
                                      QRegularExpression::MultilineOption);
        int rows = 0;
        for (const QString &name : dir.entryList({QStringLiteral("*.tcplab")}, QDir::Files)) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            if (live.match(QString::fromUtf8(f.readAll())).hasMatch()) {
                QTest::newRow(qPrintable(name)) << dir.filePath(name);
                ++rows;
            }
        }
        if (rows == 0)
            QTest::newRow("no live scenario found") << QString();
    }

    void shipped()
    {
        QFETCH(QString, path);
        QVERIFY2(!path.isEmpty(), "resources/scenarios has live scenarios");
        const Output o = runLabd({QStringLiteral("run"), path});
        QVERIFY2(o.exitCode == 0, qPrintable(o.text("done", "message") + QLatin1Char('\n') + dump(o)));
    }
};

QTEST_GUILESS_MAIN(TstLabdScenarios)
#include "tst_labdscenarios.moc"
