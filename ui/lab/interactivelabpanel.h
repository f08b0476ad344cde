#pragma once
// The interactive lab: a client panel and a server panel with a button for each socket call,
// pressed in any order, run in the simulator or on the real kernel. Each press shows its
// result ("recv() = 0"); the events go into the shared TraceModel so every view follows; the
// session can be saved as a scenario file.

#include "model/endpointhistory.h"
#include "scenario/scenario.h"

#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <memory>

class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class LabSession;
class TraceModel;

class InteractiveLabPanel : public QWidget {
    Q_OBJECT

public:
    explicit InteractiveLabPanel(TraceModel *model, QWidget *parent = nullptr);
    ~InteractiveLabPanel() override;

    bool hasUnsavedSession() const { return !m_steps.isEmpty() && !m_saved; }
    // Asks to save an unsaved session; false when the user cancels.
    bool maybeSave();
    bool saveSession(const QString &fileName, QString *error);
    QStringList sessionSteps() const { return m_steps; }
    bool isLive() const;

public Q_SLOTS:
    void setLive(bool live); // the "Run on" choice; starts a new session when it changes
    void newSession();
    void runLine(const QString &line); // "client close": a step line, run and saved as given
    // What a button does: the call; one that may block (connect, accept, recv) runs in the
    // background, so the other endpoint can wake it. bytes: send's argument, -1 for none.
    void pressCall(const QString &ep, const QString &call, int bytes = -1);

Q_SIGNALS:
    void statusMessage(const QString &message);
    void sessionFailed(const QString &message); // the session cannot go on (helper missing...)

protected:
    void changeEvent(QEvent *event) override;

private:
    struct SidePanel {
        QGroupBox *box = nullptr;
        QSpinBox *bytes = nullptr;
        QLabel *last = nullptr;
        QProgressBar *busy = nullptr;
        QList<QPushButton *> buttons;
        QString blockedCall; // "accept" while accept() blocks
    };
    // A call blocking in the background: the line sent, and where its step is saved.
    struct Blocked {
        QString sent;
        scenario::CallStep call;
        int step = -1; // index in m_steps
    };
    SidePanel makeSide(Side side);
    void retranslate();
    void replied(const QString &line, bool ok, const QString &result, const QString &message);
    void callReturned(const QString &line, const QString &result);
    void showResult(const QString &line, bool ok, const QString &result, const QString &message);
    SidePanel *sideOf(const QString &ep);
    void setBlocked(SidePanel *side, const QString &call); // "" when it returned
    QString blockedText(const QString &call) const;
    void failed(const QString &message);
    void setStatus(const QString &text, bool error);
    void saveAs();
    // The views were given another run (a file, a lesson): one trace has one source, so the
    // session stops adding to it. Its steps can still be saved; the next call starts anew.
    void endSession();
    void log(const QString &text, bool error = false);
    void run(const QString &sent, const QString &recorded);

    QPointer<TraceModel> m_model;
    std::unique_ptr<LabSession> m_session;
    QComboBox *m_mode;
    QPushButton *m_restart;
    QLabel *m_modeLabel;
    QLabel *m_status;
    SidePanel m_client;
    SidePanel m_server;
    QListWidget *m_log;
    QPushButton *m_save;
    QStringList m_steps; // the lines that ran, for "save as scenario"
    QList<QPair<QString, QString>> m_pending; // sent, awaiting its reply; and what to save
    QMap<QString, Blocked> m_blocked;         // by endpoint name ("server")
    bool m_saved = true;
    bool m_ownReset = false; // the model is being reset by this panel (a new session)
};
