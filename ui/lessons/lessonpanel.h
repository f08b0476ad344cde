#pragma once
// The Lessons panel (issue 9): the lessons with each one's progress, the current step's text,
// its question -- asked before the run, with the student's reason -- the run itself (simulator,
// real kernel, or both), played in every view, and then whether the prediction held, with the
// explanation and the playhead on the event that decided it. Progress is kept between launches.

#include "lesson/lesson.h"
#include "lesson/query.h"
#include "trace/trace.h"
#include "ui/lessons/lessonprogress.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class LanguageManager;
class LessonRun;
class Playhead;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;
class QuestionBox;

class LessonPanel : public QWidget {
    Q_OBJECT

public:
    LessonPanel(LanguageManager *languages, Playhead *playhead, QWidget *parent = nullptr);
    ~LessonPanel() override;

    // The lessons of a folder (the shipped ones: lessonsFolder()); returns the errors of the
    // files that did not load, "file:line: what is wrong".
    QStringList loadFolder(const QString &folder);
    // One lesson file from anywhere (File > Open lesson); false with its errors.
    bool openLesson(const QString &file, QStringList *errors);
    static QString lessonsFolder(); // $TCPLAB_LESSONS, else resources/lessons of the source tree

    void showLesson(int index, int step = -1); // step -1: where the student left it
    int lessonCount() const { return int(m_lessons.size()); }
    int currentLesson() const { return m_lesson; }
    int currentStep() const { return m_step; }
    const lesson::Lesson *lesson() const;

    // Whether kernel runs are made (the app's choice; off where the live lab cannot start).
    void setUseKernel(bool on) { m_useKernel = on; }

public Q_SLOTS:
    void run();        // Ctrl+Return: the step's runs (its prediction locked in)
    void showResult(); // stop playing the run and show whether the prediction held
    void next();
    void back();
    void stateClicked(const QString &state); // from the state graph
    void revealDecidingEvent();              // the playhead to the event that decided the answer

Q_SIGNALS:
    // A run to show in every view (the main window sets it on its TraceModel).
    void traceReady(const tcplab::Trace &trace);
    // "Change one thing and run again": the scenario opened in the editor.
    void tryScenario(const QString &text, const QString &name);
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Phase { Reading, Running, Playing, Answered };

    const lesson::Step *step() const;
    QString lang() const;
    QString text(const lesson::Text &t) const;
    QString filled(const lesson::Text &t) const; // {{queries}} from the student's run
    void retranslate();
    void refreshList();
    void showStep();
    void updateButtons();
    void runFinished();
    void showRun(int index); // which run the views show (run/compare, simulator/kernel)
    void playbackStopped();
    void finishStep();
    QString verdict() const;
    void scrollToOutcome();

    QPointer<LanguageManager> m_languages;
    QPointer<Playhead> m_playhead;
    LessonProgress m_progress;
    std::vector<lesson::Lesson> m_lessons;
    int m_lesson = -1;
    int m_step = 0;
    Phase m_phase = Phase::Reading;
    bool m_useKernel = true;
    LessonRun *m_run;
    lesson::QueryResult m_answer;     // the question's answer on the run
    QString m_predicted;              // the student's choice, locked when the run started
    bool m_scrollToOutcome = false;   // the verdict is new: bring it into view

    QListWidget *m_list;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_stepTitle;
    QLabel *m_text;
    QuestionBox *m_question;
    QLabel *m_outcome;
    QLabel *m_showingLabel;
    QComboBox *m_showing;
    QPushButton *m_back;
    QPushButton *m_runButton;
    QPushButton *m_skip;
    QPushButton *m_decider;
    QPushButton *m_try;
    QPushButton *m_next;
};
