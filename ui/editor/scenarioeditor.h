#pragma once
// The scenario editor pane: open, edit and save *.tcplab files (atomically), run them in the
// simulator (Ctrl+R) or on the real kernel, with parse errors underlined on their line and
// listed below the text.

#include "scenario/scenario.h"
#include "trace/trace.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QAction;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QToolBar;
class LabdRun;
class TraceModel;

class ScenarioEditor : public QWidget {
    Q_OBJECT

public:
    explicit ScenarioEditor(TraceModel *model, QWidget *parent = nullptr);

    QString fileName() const { return m_fileName; }
    QString text() const;
    bool isModified() const;
    // Loads text as if opened from fileName (a resource path is "untitled": Save asks where).
    void setDocument(const QString &text, const QString &fileName);
    bool openFile(const QString &fileName, QString *error);
    bool saveTo(const QString &fileName, QString *error);
    // Asks to save unsaved edits; false when the user cancels.
    bool maybeSave();
    // Parse errors as shown (line, column, message), after the last run or check.
    const std::vector<scenario::ParseError> &errors() const { return m_errors; }
    void showErrors(const std::vector<scenario::ParseError> &errors);
    // A wait or expect that did not hold when the scenario ran, marked on its line.
    void showRunFailure(int line, const QString &failure);
    QAction *runAction() const { return m_run; }

public Q_SLOTS:
    void newFile();
    void open();
    bool save();
    bool saveAs();
    void runSimulator();
    void runLive();

Q_SIGNALS:
    void statusMessage(const QString &message);
    void traceLoaded(const QString &title); // a run replaced the model's trace

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateTitle();
    void jumpToError();

    QPointer<TraceModel> m_model;
    QToolBar *m_toolBar;
    QAction *m_new;
    QAction *m_open;
    QAction *m_save;
    QAction *m_saveAs;
    QAction *m_run;
    QAction *m_runLive;
    QLabel *m_title;
    QPlainTextEdit *m_edit;
    QListWidget *m_errorList;
    QString m_fileName; // empty: untitled
    QString m_displayName;
    std::vector<scenario::ParseError> m_errors;
    LabdRun *m_live = nullptr;
};
