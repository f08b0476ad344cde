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

class QCheckBox;
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
    bool holdsSegments() const;
    int heldCount() const;

public Q_SLOTS:
    void setLive(bool live); // the "Run on" choice; starts a new session when it changes
    void newSession();
    void runLine(const QString &line); // "client close": a step line, run and saved as given
    // What a button does: the call; one that may block (connect, accept, recv) runs in the
    // background, so the other endpoint can wake it. bytes: send's argument, -1 for none.
    void pressCall(const QString &ep, const QString &call, int bytes = -1);
    // The real kernel's stepping (issue 12): every segment waits on the wire for a verdict.
    void setHoldSegments(bool hold);
    // The verdict for the held segment chosen in the list (the oldest if none is): "deliver",
    // "drop", "twice", or "delay" (by one second).
    void judgeHeld(const QString &verdict);

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
    // A segment held for a verdict: where a saved session puts the fault step that replays it
    // (just before the step that sent it), and since when it waits.
    struct HeldSegment {
        int hold = 0;
        tcplab::Event segment;
        int insertAt = 0; // index in m_steps
        qint64 heldMs = 0; // QDateTime::currentMSecsSinceEpoch() when it was held
        QString verdict;   // sent, awaiting the reply
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
    void segmentHeld(int hold, const tcplab::Event &segment);
    void segmentReleased(int hold);
    void holdReplied(const QString &line, bool ok, const QString &message);
    void updateHoldControls();
    // Inserts a step line at index, keeping the saved positions after it right.
    void insertStep(int index, const QString &line);
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
    QGroupBox *m_holdBox = nullptr;
    QCheckBox *m_hold = nullptr;
    QListWidget *m_heldList = nullptr;
    QLabel *m_holdHint = nullptr;
    QPushButton *m_deliver = nullptr;
    QPushButton *m_drop = nullptr;
    QPushButton *m_delay = nullptr;
    QPushButton *m_twice = nullptr;
    QList<HeldSegment> m_held; // oldest first
    QStringList m_steps; // the lines that ran, for "save as scenario"
    QList<QPair<QString, QString>> m_pending; // sent, awaiting its reply; and what to save
    QMap<QString, Blocked> m_blocked;         // by endpoint name ("server")
    bool m_saved = true;
    bool m_ownReset = false; // the model is being reset by this panel (a new session)
};
