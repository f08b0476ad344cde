// tcplab: the desktop app. `tcplab [--lang zh_CN|en] [FILE.tcplab|FILE.jsonl]`; with no file
// it opens the embedded handshake-and-close scenario.

#include "ui/window/appsettings.h"
#include "ui/window/languagemanager.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TCP Lab"));
    QApplication::setOrganizationName(QStringLiteral("TCP Lab"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "A laboratory for TCP connection set-up and tear-down."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "User interface language: zh_CN or en "
                                            "(default: the one last chosen in the menu, "
                                            "else the system's)."),
        QStringLiteral("LANGUAGE"));
    parser.addOption(lang);
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QCoreApplication::translate("main", "A scenario (*.tcplab, run in the simulator) or a "
                                            "trace (*.jsonl)."),
        QStringLiteral("[FILE]"));
    parser.process(app);

    // --lang, else the language last chosen in the menu, else the system's.
    QString language = AppSettings::open()->value(AppSettings::languageKey()).toString();
    if (!LanguageManager::languages().contains(language))
        language = LanguageManager::systemLanguage();
    if (parser.isSet(lang)) {
        language = parser.value(lang);
        if (language == QLatin1String("zh"))
            language = QStringLiteral("zh_CN");
        if (!LanguageManager::languages().contains(language)) {
            QTextStream(stderr) << "tcplab: --lang must be one of: "
                                << LanguageManager::languages().join(QStringLiteral(", ")) << '\n';
            return 2;
        }
    }
    LanguageManager languages;
    languages.setLanguage(language);

    MainWindow window(&languages);
    const QStringList files = parser.positionalArguments();
    window.show();
    if (!files.isEmpty())
        window.openFile(files.first());
    else
        window.openFile(MainWindow::defaultScenario());
    return app.exec();
}
