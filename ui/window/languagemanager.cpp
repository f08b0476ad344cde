#include "ui/window/languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

QStringList LanguageManager::languages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString LanguageManager::systemLanguage()
{
    const QLocale system = QLocale::system();
    return system.language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString LanguageManager::displayName(const QString &language)
{
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

bool LanguageManager::setLanguage(const QString &language)
{
    const QString wanted = languages().contains(language) ? language : QStringLiteral("en");
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    bool ok = true;
    if (wanted != QLatin1String("en")) {
        ok = m_app.load(QStringLiteral(":/i18n/tcplab_%1.qm").arg(wanted));
        if (ok)
            QCoreApplication::installTranslator(&m_app);
        if (m_qt.load(QStringLiteral("qtbase_%1").arg(wanted),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
    }
    m_language = ok ? wanted : QStringLiteral("en");
    // Numbers in the texts ("%Ln event(s)") as the language writes them: 1,000,000.
    QLocale::setDefault(m_language == QLatin1String("zh_CN")
                            ? QLocale(QLocale::Chinese, QLocale::China)
                            : QLocale(QLocale::English, QLocale::UnitedStates));
    Q_EMIT languageChanged(m_language);
    return ok;
}
