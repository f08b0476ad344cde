#pragma once
// Installs the UI language at run time: TCP Lab's own translation (embedded as
// :/i18n/tcplab_zh_CN.qm) and Qt's (standard buttons). Widgets retranslate on the
// LanguageChange event that installing a translator sends.

#include <QObject>
#include <QTranslator>

class LanguageManager : public QObject {
    Q_OBJECT

public:
    explicit LanguageManager(QObject *parent = nullptr);

    static QStringList languages();                      // "en", "zh_CN"
    static QString systemLanguage();                     // "zh_CN" on a Chinese system, else "en"
    static QString displayName(const QString &language); // "English", "简体中文" (never translated)
    QString language() const { return m_language; }

public Q_SLOTS:
    // Unknown languages fall back to English; returns false if a translation failed to load.
    bool setLanguage(const QString &language);

Q_SIGNALS:
    void languageChanged(const QString &language);

private:
    QString m_language = QStringLiteral("en");
    QTranslator m_app;
    QTranslator m_qt;
};
