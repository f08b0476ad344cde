#include "ui/window/playbacktoolbar.h"

#include "model/eventtext.h"
#include "model/playhead.h"
#include "model/tracemodel.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <algorithm>

namespace {
// Speeds relative to real time: the handshake over loopback takes microseconds to
// milliseconds, so the useful speeds are slow motion.
constexpr double kSpeeds[] = {0.001, 0.01, 0.1, 1.0, 10.0};
constexpr int kDefaultSpeed = 1;
} // namespace

PlaybackToolBar::PlaybackToolBar(Playhead *playhead, const TraceModel *model, QWidget *parent)
    : QToolBar(parent)
    , m_playhead(playhead)
    , m_model(model)
    , m_start(new QAction(style()->standardIcon(QStyle::SP_MediaSkipBackward), QString(), this))
    , m_back(new QAction(style()->standardIcon(QStyle::SP_MediaSeekBackward), QString(), this))
    , m_play(new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this))
    , m_forward(new QAction(style()->standardIcon(QStyle::SP_MediaSeekForward), QString(), this))
    , m_end(new QAction(style()->standardIcon(QStyle::SP_MediaSkipForward), QString(), this))
    , m_slower(new QAction(this))
    , m_faster(new QAction(this))
    , m_speedLabel(new QLabel(this))
    , m_speed(new QComboBox(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_position(new QLabel(this))
{
    setObjectName(QStringLiteral("playback"));
    // Home and End as well: what a user tries first (text fields keep theirs when focused).
    m_start->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Home), QKeySequence(Qt::Key_Home)});
    m_back->setShortcut(QKeySequence(Qt::Key_Left));
    m_play->setShortcut(QKeySequence(Qt::Key_Space));
    m_forward->setShortcut(QKeySequence(Qt::Key_Right));
    m_end->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_End), QKeySequence(Qt::Key_End)});
    m_slower->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    m_faster->setShortcut(QKeySequence(Qt::Key_BracketRight));
    for (QAction *a : {m_back, m_forward})
        a->setAutoRepeat(true);
    addAction(m_start);
    addAction(m_back);
    addAction(m_play);
    addAction(m_forward);
    addAction(m_end);
    addSeparator();
    addWidget(m_speedLabel);
    addWidget(m_speed);
    addSeparator();
    m_slider->setMinimumWidth(220);
    m_slider->setFocusPolicy(Qt::NoFocus);
    addWidget(m_slider);
    m_position->setMinimumWidth(200);
    m_position->setContentsMargins(8, 0, 8, 0);
    addWidget(m_position);
    for (double s : kSpeeds)
        m_speed->addItem(QString(), s);
    m_speed->setFocusPolicy(Qt::NoFocus);
    m_speed->setCurrentIndex(kDefaultSpeed);
    playhead->setSpeed(kSpeeds[kDefaultSpeed]);

    connect(m_start, &QAction::triggered, playhead, &Playhead::toStart);
    connect(m_back, &QAction::triggered, playhead, [this] {
        m_playhead->pause();
        m_playhead->stepBack();
    });
    connect(m_play, &QAction::triggered, playhead, &Playhead::togglePlay);
    connect(m_forward, &QAction::triggered, playhead, [this] {
        m_playhead->pause();
        m_playhead->stepForward();
    });
    connect(m_end, &QAction::triggered, playhead, &Playhead::toEnd);
    connect(m_slower, &QAction::triggered, this, [this] { changeSpeed(-1); });
    connect(m_faster, &QAction::triggered, this, [this] { changeSpeed(+1); });
    connect(m_speed, &QComboBox::currentIndexChanged, this, &PlaybackToolBar::speedChosen);
    connect(m_slider, &QSlider::valueChanged, playhead, &Playhead::seek);
    connect(playhead, &Playhead::currentChanged, this, &PlaybackToolBar::updatePosition);
    connect(playhead, &Playhead::countChanged, this, &PlaybackToolBar::updatePosition);
    connect(playhead, &Playhead::playingChanged, this, &PlaybackToolBar::updatePlaying);
    retranslate();
    updatePosition();
}

QList<QAction *> PlaybackToolBar::playbackActions() const
{
    return {m_start, m_back, m_play, m_forward, m_end, m_slower, m_faster};
}

void PlaybackToolBar::retranslate()
{
    setWindowTitle(tr("Playback"));
    m_start->setText(tr("To start"));
    m_back->setText(tr("Step back"));
    m_forward->setText(tr("Step forward"));
    m_end->setText(tr("To end"));
    m_slower->setText(tr("Slower"));
    m_faster->setText(tr("Faster"));
    updatePlaying(m_playhead->isPlaying());
    for (QAction *a : {m_start, m_back, m_forward, m_end, m_slower, m_faster})
        a->setToolTip(QStringLiteral("%1 (%2)").arg(
            a->text(), a->shortcut().toString(QKeySequence::NativeText)));
    m_speedLabel->setText(tr("Speed "));
    const QStringList names = {tr("1/1000 of real time"), tr("1/100 of real time"),
                               tr("1/10 of real time"), tr("real time"), tr("10× real time")};
    for (int i = 0; i < m_speed->count(); ++i)
        m_speed->setItemText(i, names.value(i));
    m_speed->setToolTip(tr("Playback speed ([ slower, ] faster). Long idle gaps play in at most "
                           "2 s, so a 60 s TIME_WAIT does not stall playback."));
    m_slider->setToolTip(tr("The whole run: drag to move the playhead"));
    updatePosition();
}

void PlaybackToolBar::updatePlaying(bool playing)
{
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setToolTip(QStringLiteral("%1 (%2)").arg(
        m_play->text(), m_play->shortcut().toString(QKeySequence::NativeText)));
}

void PlaybackToolBar::updatePosition()
{
    const int count = m_playhead->count();
    const int current = m_playhead->current();
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, std::max(0, count - 1));
        m_slider->setValue(std::max(0, current));
        m_slider->setEnabled(count > 0);
    }
    for (QAction *a : {m_start, m_back, m_play, m_forward, m_end})
        a->setEnabled(count > 0);
    if (current >= 0 && m_model && current < m_model->rowCount()) {
        m_position->setText(tr("event %1 of %2, %3")
                                .arg(current + 1)
                                .arg(count)
                                .arg(EventText::time(m_model->event(current).t)));
    } else {
        m_position->setText(tr("%Ln event(s)", nullptr, count));
    }
}

void PlaybackToolBar::speedChosen(int index)
{
    if (index >= 0)
        m_playhead->setSpeed(m_speed->itemData(index).toDouble());
}

void PlaybackToolBar::changeSpeed(int delta)
{
    m_speed->setCurrentIndex(std::clamp(m_speed->currentIndex() + delta, 0, m_speed->count() - 1));
}

void PlaybackToolBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QToolBar::changeEvent(event);
}
