#include "ui/lessons/lessonpanel.h"

#include "ui/lessons/lessonrun.h"
#include "ui/lessons/questionbox.h"
#include "ui/window/languagemanager.h"

#include "lesson/lessonloader.h"
#include "lesson/substitution.h"
#include "model/playhead.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace {

lesson::LoadOptions loadOptions()
{
    lesson::LoadOptions o;
    o.scenarioDirs = {QStringLiteral(TCPLAB_RESOURCES_DIR "/scenarios").toStdString()};
    return o;
}

// A Markdown text that wraps to the panel's width and grows with it (a QLabel computes its
// height for its width; the panel's scroll area scrolls the whole step).
QLabel *markdownLabel(QWidget *parent, const char *name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QLatin1String(name));
    l->setTextFormat(Qt::MarkdownText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextBrowserInteraction);
    l->setOpenExternalLinks(true);
    l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return l;
}

} // namespace

LessonPanel::LessonPanel(LanguageManager *languages, Playhead *playhead, QWidget *parent)
    : QWidget(parent)
    , m_languages(languages)
    , m_playhead(playhead)
    , m_run(new LessonRun(this))
    , m_list(new QListWidget(this))
    , m_stepTitle(new QLabel(this))
    , m_question(new QuestionBox(this))
    , m_showingLabel(new QLabel(this))
    , m_showing(new QComboBox(this))
    , m_back(new QPushButton(this))
    , m_runButton(new QPushButton(this))
    , m_skip(new QPushButton(this))
    , m_decider(new QPushButton(this))
    , m_try(new QPushButton(this))
    , m_next(new QPushButton(this))
{
    setObjectName(QStringLiteral("lessonPanel"));
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setMaximumHeight(130);
    m_stepTitle->setObjectName(QStringLiteral("lessonStepTitle"));
    m_stepTitle->setWordWrap(true);
    QFont bold = m_stepTitle->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_stepTitle->setFont(bold);
    m_runButton->setObjectName(QStringLiteral("lessonRun"));
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_back->setObjectName(QStringLiteral("lessonBack"));
    m_skip->setObjectName(QStringLiteral("lessonSkip"));
    m_decider->setObjectName(QStringLiteral("lessonDecider"));
    m_try->setObjectName(QStringLiteral("lessonTry"));
    m_showing->setObjectName(QStringLiteral("lessonShowing"));

    // The step's text, question and outcome scroll together; the buttons stay in view.
    auto *page = new QWidget;
    m_text = markdownLabel(page, "lessonText");
    m_outcome = markdownLabel(page, "lessonOutcome");
    m_outcome->setFrameShape(QFrame::StyledPanel);
    m_outcome->setMargin(6);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_stepTitle);
    pageLayout->addWidget(m_text);
    pageLayout->addWidget(m_question);
    pageLayout->addWidget(m_outcome);
    pageLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the texts wrap instead
    connect(scroll->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &LessonPanel::scrollToOutcome);

    auto *showing = new QHBoxLayout;
    showing->addWidget(m_showingLabel);
    showing->addWidget(m_showing, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_decider);
    buttons->addWidget(m_try);
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_next);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(scroll, 1);
    layout->addLayout(showing);
    layout->addLayout(buttons);

    m_runButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    m_back->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_lesson)
            showLesson(row);
    });
    connect(m_question, &QuestionBox::changed, this, &LessonPanel::updateButtons);
    connect(m_question, &QuestionBox::submitted, this, &LessonPanel::run);
    // Once an answer is chosen the reason is next: bring its field into view.
    connect(m_question, &QuestionBox::optionChosen, this, [this] {
        if (QWidget *reason = m_question->findChild<QWidget *>(QStringLiteral("lessonReason")))
            m_scroll->ensureWidgetVisible(reason);
    });
    connect(m_runButton, &QPushButton::clicked, this, &LessonPanel::run);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    connect(m_skip, &QPushButton::clicked, this, &LessonPanel::showResult);
    connect(m_decider, &QPushButton::clicked, this, &LessonPanel::revealDecidingEvent);
    connect(m_try, &QPushButton::clicked, this, [this] {
        const lesson::Step *s = step();
        if (!s || !s->tryit)
            return;
        const lesson::ScenarioSource &src = s->tryit->source;
        Q_EMIT tryScenario(QString::fromStdString(src.text),
                           QString::fromStdString(src.path.empty() ? src.reference : src.path));
    });
    connect(m_showing, &QComboBox::activated, this, &LessonPanel::showRun);
    connect(m_run, &LessonRun::finished, this, &LessonPanel::runFinished);
    if (m_playhead)
        connect(m_playhead, &Playhead::playingChanged, this, [this](bool playing) {
            if (!playing && m_phase == Phase::Playing)
                playbackStopped();
        });
    retranslate();
    showStep();
}

LessonPanel::~LessonPanel() = default;

QString LessonPanel::lessonsFolder()
{
    const QString env = qEnvironmentVariable("TCPLAB_LESSONS");
    return env.isEmpty() ? QStringLiteral(TCPLAB_RESOURCES_DIR "/lessons") : env;
}

QStringList LessonPanel::loadFolder(const QString &folder)
{
    const lesson::DirectoryResult r =
        lesson::loadLessonDirectory(folder.toStdString(), loadOptions());
    QStringList errors;
    for (const lesson::LessonError &e : r.errors)
        errors << QString::fromStdString(e.format());
    m_lessons = r.lessons;
    m_lesson = -1;
    refreshList();
    // Where the student left off; the first lesson the first time.
    const int last = m_progress.lastLesson();
    int index = 0;
    for (int i = 0; i < lessonCount(); ++i)
        if (m_lessons[std::size_t(i)].number == last)
            index = i;
    if (!m_lessons.empty())
        showLesson(index);
    return errors;
}

bool LessonPanel::openLesson(const QString &file, QStringList *errors)
{
    const lesson::LoadResult r = lesson::loadLesson(file.toStdString(), loadOptions());
    if (!r.ok()) {
        if (errors)
            for (const lesson::LessonError &e : r.errors)
                *errors << QString::fromStdString(e.format());
        return false;
    }
    // A lesson with the number of one already listed takes its place.
    int index = -1;
    for (int i = 0; i < lessonCount(); ++i)
        if (m_lessons[std::size_t(i)].number == r.lesson.number)
            index = i;
    if (index < 0) {
        m_lessons.push_back(r.lesson);
        index = lessonCount() - 1;
    } else {
        m_lessons[std::size_t(index)] = r.lesson;
    }
    m_lesson = -1;
    refreshList();
    showLesson(index);
    return true;
}

const lesson::Lesson *LessonPanel::lesson() const
{
    return m_lesson >= 0 && m_lesson < lessonCount() ? &m_lessons[std::size_t(m_lesson)] : nullptr;
}

const lesson::Step *LessonPanel::step() const
{
    const lesson::Lesson *l = lesson();
    return l && m_step >= 0 && m_step < int(l->steps.size()) ? &l->steps[std::size_t(m_step)]
                                                             : nullptr;
}

QString LessonPanel::lang() const
{
    return m_languages ? m_languages->language() : QStringLiteral("en");
}

QString LessonPanel::text(const lesson::Text &t) const
{
    return QString::fromStdString(t.in(lang().toStdString()));
}

QString LessonPanel::filled(const lesson::Text &t) const
{
    const lesson::RunRecord *run = m_run->answerRun(false);
    if (!run)
        return text(t);
    return QString::fromStdString(
        lesson::substituteQueries(t.in(lang().toStdString()), *run, m_run->answerRun(true)));
}

void LessonPanel::showLesson(int index, int stepIndex)
{
    if (index < 0 || index >= lessonCount())
        return;
    m_lesson = index;
    const lesson::Lesson &l = m_lessons[std::size_t(index)];
    const int saved = m_progress.currentStep(l.number);
    m_step = stepIndex >= 0 ? stepIndex : saved;
    m_step = std::clamp(m_step, 0, int(l.steps.size()) - 1);
    m_progress.setLastLesson(l.number);
    {
        const QSignalBlocker block(m_list);
        m_list->setCurrentRow(index);
    }
    showStep();
}

void LessonPanel::refreshList()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const lesson::Lesson &l : m_lessons) {
        const int total = int(l.steps.size());
        const int done = std::min(m_progress.finishedSteps(l.number), total);
        // Progress first: a long title may be cut at the panel's edge, the progress never.
        const QString progress = done >= total ? QStringLiteral("✔") : tr("%1/%2").arg(done).arg(total);
        m_list->addItem(tr("%1  %2. %3").arg(progress, -3).arg(l.number).arg(text(l.title)));
        m_list->item(m_list->count() - 1)->setToolTip(text(l.summary));
    }
    m_list->setCurrentRow(m_lesson);
}

void LessonPanel::showStep()
{
    m_phase = Phase::Reading;
    m_scrollToOutcome = false;
    m_scroll->verticalScrollBar()->setValue(0);
    m_answer = lesson::QueryResult();
    m_predicted.clear();
    m_showing->clear();
    const lesson::Lesson *l = lesson();
    const lesson::Step *s = step();
    if (!l || !s) {
        m_stepTitle->setText(tr("No lesson is open. File > Open lesson… loads one."));
        m_text->clear();
        m_question->setQuestion(nullptr, lang());
        m_outcome->hide();
        updateButtons();
        return;
    }
    m_progress.setCurrentStep(l->number, m_step);
    m_question->setQuestion(s->question ? &*s->question : nullptr, lang());
    const LessonProgress::Answer saved = m_progress.answer(l->number, m_step);
    if (saved.given)
        m_question->setChoice(saved.choice, saved.reason);
    m_outcome->clear();
    m_outcome->hide();
    retranslate(); // the step's texts, in the current language
    updateButtons();
}

void LessonPanel::updateButtons()
{
    const lesson::Lesson *l = lesson();
    const lesson::Step *s = step();
    const bool hasRun = s && s->run;
    const bool answered = m_phase == Phase::Answered;
    const bool ready = !s || !s->question || m_question->complete();
    m_runButton->setVisible(hasRun);
    m_runButton->setText(answered ? tr("Run again") : tr("▶ Run"));
    m_runButton->setEnabled(hasRun && (m_phase == Phase::Reading || answered)
                            && (ready || answered));
    m_runButton->setToolTip(ready ? QString()
                                  : tr("Choose an answer and write your reason first."));
    m_skip->setVisible(m_phase == Phase::Playing);
    m_decider->setVisible(answered && m_answer.ok && m_answer.eventIndex != lesson::kNoEvent);
    m_try->setVisible(s && s->tryit);
    m_back->setEnabled(l && m_step > 0 && m_phase != Phase::Running);
    m_next->setEnabled(l && (!hasRun || answered) && m_phase != Phase::Running);
    const bool last = l && m_step + 1 >= int(l->steps.size());
    m_next->setText(last ? tr("Finish") : tr("Next ▶"));
    const bool several = m_showing->count() > 1;
    m_showing->setVisible(several);
    m_showingLabel->setVisible(several);
}

void LessonPanel::run()
{
    const lesson::Step *s = step();
    if (!s || !s->run || m_run->isRunning())
        return;
    if (m_phase == Phase::Answered) { // run again: the prediction stays as it was
        m_question->unlock();
    } else if (s->question && !m_question->complete()) {
        return;
    }
    m_predicted = m_question->choice();
    if (s->question)
        m_progress.setAnswer(lesson()->number, m_step,
                             {m_predicted, m_question->reason(), false, true});
    m_question->setEnabled(false);
    m_phase = Phase::Running;
    m_outcome->setText(lesson::runsLive(s->run->mode) && m_useKernel
                               ? tr("*Running on the real kernel…*")
                               : tr("*Running in the simulator…*"));
    m_outcome->show();
    updateButtons();
    m_run->start(*s, m_useKernel);
}

void LessonPanel::runFinished()
{
    const lesson::Step *s = step();
    if (!s || m_phase != Phase::Running)
        return;
    if (m_run->outcomes().empty() || !m_run->kernelError().isEmpty()) {
        // The kernel could not run the step: say why in one sentence, and offer the simulator.
        m_phase = Phase::Reading;
        m_useKernel = false;
        m_question->unlock();
        m_outcome->setText(tr("**The real kernel could not run this step:** %1\n\n"
                                  "Press Run again to run it in the simulator instead.")
                                   .arg(m_run->kernelError()));
        updateButtons();
        return;
    }
    // Which runs there are to show, the answer's run first selected.
    m_showing->clear();
    const lesson::RunRecord *primary = m_run->answerRun(false);
    int primaryIndex = 0;
    for (std::size_t i = 0; i < m_run->outcomes().size(); ++i) {
        const LessonRun::Outcome &o = m_run->outcomes()[i];
        const QString where = o.where == LessonRun::Where::Kernel ? tr("the real kernel")
                                                                   : tr("the simulator");
        m_showing->addItem(o.compare ? tr("Comparison run, on %1").arg(where)
                                     : tr("This step's run, on %1").arg(where));
        if (&o.record == primary)
            primaryIndex = int(i);
    }
    if (s->question)
        m_answer = lesson::evaluateQuery(s->question->answer, *primary, m_run->answerRun(true));
    m_showing->setCurrentIndex(primaryIndex);
    showRun(primaryIndex);
    // The run plays in every view; when it has played (or the student skips), the verdict.
    m_phase = Phase::Playing;
    m_outcome->setText(tr("*Watch the run in the diagrams…*"));
    updateButtons();
    if (m_playhead) {
        m_playhead->toStart();
        m_playhead->play();
    }
    if (!m_playhead || !m_playhead->isPlaying())
        showResult();
}

void LessonPanel::showRun(int index)
{
    if (index < 0 || index >= int(m_run->outcomes().size()))
        return;
    const LessonRun::Outcome &o = m_run->outcomes()[std::size_t(index)];
    tcplab::Trace trace = o.record.trace;
    trace.producer = o.where == LessonRun::Where::Kernel ? "live" : "sim";
    if (trace.title.empty() && lesson())
        trace.title = text(lesson()->title).toStdString();
    Q_EMIT traceReady(trace);
}

void LessonPanel::playbackStopped()
{
    // Paused by the student, or at the end: either way the run has been seen.
    showResult();
}

void LessonPanel::showResult()
{
    const lesson::Step *s = step();
    if (!s || m_phase != Phase::Playing)
        return;
    m_phase = Phase::Answered;
    if (m_playhead)
        m_playhead->pause();
    QString outcome;
    if (s->question) {
        const bool correct = m_answer.ok && m_predicted == QString::fromStdString(m_answer.value);
        m_progress.setAnswer(lesson()->number, m_step,
                             {m_predicted, m_question->reason(), correct, true});
        m_question->reveal(QString::fromStdString(m_answer.value));
        outcome = verdict();
        if (s->question->explain)
            outcome += QStringLiteral("\n\n") + filled(*s->question->explain);
        revealDecidingEvent();
    } else {
        if (s->after)
            outcome = filled(*s->after);
        if (m_playhead)
            m_playhead->toEnd();
    }
    m_outcome->setText(outcome);
    m_outcome->setVisible(!outcome.isEmpty());
    // The verdict is what the student waits for: bring it into view once it is laid out.
    // Its top at the top, the explanation below it in view -- once the page has been laid out
    // again with the new text (the scroll range grows then).
    m_scrollToOutcome = true;
    QTimer::singleShot(0, this, &LessonPanel::scrollToOutcome);
    m_progress.markFinished(lesson()->number, m_step + 1);
    refreshList();
    updateButtons();
}

void LessonPanel::scrollToOutcome()
{
    if (!m_scrollToOutcome || !m_outcome->isVisible())
        return;
    QScrollBar *bar = m_scroll->verticalScrollBar();
    bar->setValue(std::min(m_outcome->y(), bar->maximum()));
    if (bar->value() == m_outcome->y()) // laid out, and there: done
        m_scrollToOutcome = false;
}

QString LessonPanel::verdict() const
{
    if (!m_answer.ok)
        return tr("**The run gave no answer to this question:** %1")
            .arg(QString::fromStdString(m_answer.error));
    const QString value = QString::fromStdString(m_answer.value);
    if (m_predicted == value)
        return tr("### ✔ Your prediction held\nThe run shows **%1**.").arg(value);
    return tr("### ✘ Not this time\nYou predicted **%1**; the run shows **%2**. The playhead is on "
              "the event that decided it.")
        .arg(m_predicted, value);
}

void LessonPanel::revealDecidingEvent()
{
    const lesson::Step *s = step();
    if (!s || !s->question || !m_answer.ok || m_answer.eventIndex == lesson::kNoEvent)
        return;
    // The deciding event is in the run the answer was read from: show that run first.
    lesson::Query q;
    std::string error;
    const bool onCompare = lesson::parseQuery(s->question->answer, q, error) && q.onCompare;
    const lesson::RunRecord *run = m_run->answerRun(onCompare);
    for (std::size_t i = 0; i < m_run->outcomes().size(); ++i) {
        if (&m_run->outcomes()[i].record == run && m_showing->currentIndex() != int(i)) {
            m_showing->setCurrentIndex(int(i));
            showRun(int(i));
        }
    }
    if (m_playhead)
        m_playhead->seek(int(m_answer.eventIndex));
}

void LessonPanel::next()
{
    const lesson::Lesson *l = lesson();
    if (!l || !m_next->isEnabled())
        return;
    m_progress.markFinished(l->number, m_step + 1);
    if (m_step + 1 < int(l->steps.size())) {
        ++m_step;
        showStep();
        refreshList();
        return;
    }
    refreshList();
    Q_EMIT statusMessage(tr("Lesson %1 finished. Choose another one in the list above.")
                             .arg(l->number));
    if (m_lesson + 1 < lessonCount())
        showLesson(m_lesson + 1, 0);
}

void LessonPanel::back()
{
    if (m_step > 0 && m_phase != Phase::Running) {
        --m_step;
        showStep();
    }
}

void LessonPanel::stateClicked(const QString &state)
{
    if (m_phase == Phase::Reading)
        m_question->stateClicked(state);
}

void LessonPanel::retranslate()
{
    m_back->setText(tr("◀ Back"));
    m_skip->setText(tr("Show the result now"));
    m_decider->setText(tr("Show the deciding event"));
    m_try->setText(tr("Open in the scenario editor"));
    m_showingLabel->setText(tr("Showing:"));
    m_runButton->setToolTip(tr("Run the step (%1)")
                                .arg(m_runButton->shortcut().toString(QKeySequence::NativeText)));
    const lesson::Lesson *l = lesson();
    const lesson::Step *s = step();
    if (l && s) {
        m_stepTitle->setText(tr("Lesson %1, step %2 of %3 — %4")
                                 .arg(l->number)
                                 .arg(m_step + 1)
                                 .arg(l->steps.size())
                                 .arg(text(s->title)));
        QString body = s->text ? text(*s->text) : QString();
        if (s->tryit)
            body += QStringLiteral("\n\n") + tr("**Try it:** %1").arg(text(s->tryit->suggestion));
        m_text->setText(body);
        m_question->setLanguage(lang());
        if (m_phase == Phase::Answered) { // the outcome, in the new language
            QString outcome = s->question ? verdict() : QString();
            const lesson::Text *more = s->question && s->question->explain ? &*s->question->explain
                                       : s->after                         ? &*s->after
                                                                          : nullptr;
            if (more)
                outcome += (outcome.isEmpty() ? QString() : QStringLiteral("\n\n")) + filled(*more);
            m_outcome->setText(outcome);
        }
    }
    refreshList();
    updateButtons();
}

void LessonPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
