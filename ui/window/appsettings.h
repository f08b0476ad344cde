#pragma once
// Where TCP Lab remembers things between runs (the language chosen in the menu, the window
// layout, the recent files): QSettings for organization "TCP Lab", application "tcplab".
// TCPLAB_SETTINGS=FILE.ini puts them in that file instead, so tests and screenshot scripts
// neither read nor change the user's own settings.

#include <QString>

#include <memory>

class QSettings;

class AppSettings {
public:
    static std::unique_ptr<QSettings> open();

    // Keys, in one place.
    static QString languageKey() { return QStringLiteral("ui/language"); }
    static QString geometryKey() { return QStringLiteral("window/geometry"); }
    static QString stateKey() { return QStringLiteral("window/state"); }
    static QString recentFilesKey() { return QStringLiteral("files/recent"); }
    // File > Export's last choices (ExportChoice): export/view, export/format, export/size, ...
    static QString exportKey(const QString &name) { return QStringLiteral("export/") + name; }
};
