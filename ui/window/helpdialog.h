#pragma once
// Help > Scenario language and Help > Keyboard shortcuts: a reference beside the window, so a
// student writing a scenario or looking for a key does not have to leave the app.

#include <QDialog>

class QTextBrowser;

class HelpDialog : public QDialog {
    Q_OBJECT

public:
    // The scenario language reference (docs/scenario-language.md, embedded).
    static void showScenarioLanguage(QWidget *parent);
    // Every action of window that has a shortcut, with the Lessons panel's keys.
    static void showShortcuts(QWidget *window);

private:
    HelpDialog(const QString &title, QWidget *parent);
    QTextBrowser *m_text;
};
