#include "playhead.h"

#include "tracemodel.h"

#include <algorithm>
#include <cmath>

Playhead::Playhead(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Playhead::advance);
}

void Playhead::setModel(const TraceModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (!model)
        return;
    connect(model, &QAbstractItemModel::modelReset, this, &Playhead::modelReset);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this] { setCount(m_model->rowCount()); });
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            [this] { setCount(m_model->rowCount()); });
    modelReset();
}

void Playhead::modelReset()
{
    pause();
    setCount(m_model ? m_model->rowCount() : 0);
    toEnd(); // a new run is shown whole
}

void Playhead::setIntervalBounds(int minimumMs, int maximumMs)
{
    m_minimumMs = std::max(0, minimumMs);
    m_maximumMs = std::max(m_minimumMs, maximumMs);
}

void Playhead::setCount(int count)
{
    count = std::max(0, count);
    if (count == m_count)
        return;
    const bool atEnd = m_current == m_count - 1;
    m_count = count;
    Q_EMIT countChanged(count);
    if (atEnd && !m_playing)
        seek(count - 1);
    else if (m_current >= count)
        seek(count - 1);
}

void Playhead::seek(int index)
{
    index = std::clamp(index, -1, m_count - 1);
    if (index == m_current)
        return;
    m_current = index;
    Q_EMIT currentChanged(index);
}

void Playhead::stepForward()
{
    if (m_current < m_count - 1)
        seek(m_current + 1);
}

void Playhead::stepBack()
{
    if (m_current > 0)
        seek(m_current - 1);
}

void Playhead::toStart()
{
    seek(m_count > 0 ? 0 : -1);
}

void Playhead::toEnd()
{
    seek(m_count - 1);
}

void Playhead::play()
{
    if (m_playing || m_count == 0)
        return;
    if (m_current >= m_count - 1)
        toStart(); // play from the beginning once the end has been reached
    m_playing = true;
    Q_EMIT playingChanged(true);
    scheduleNext();
}

void Playhead::pause()
{
    m_timer.stop();
    if (!m_playing)
        return;
    m_playing = false;
    Q_EMIT playingChanged(false);
}

void Playhead::togglePlay()
{
    if (m_playing)
        pause();
    else
        play();
}

void Playhead::setSpeed(double speed)
{
    if (!(speed > 0) || speed == m_speed)
        return;
    m_speed = speed;
    Q_EMIT speedChanged(speed);
    if (m_playing)
        scheduleNext();
}

int Playhead::nextInterval() const
{
    qint64 gapUs = 0;
    if (m_model && m_current >= 0 && m_current + 1 < m_model->rowCount())
        gapUs = m_model->event(m_current + 1).t - m_model->event(m_current).t;
    else
        gapUs = 500'000; // no times known: half a second per event at speed 1
    const double ms = static_cast<double>(std::max<qint64>(0, gapUs)) / 1000.0 / m_speed;
    return static_cast<int>(std::clamp(std::lround(ms), long(m_minimumMs), long(m_maximumMs)));
}

void Playhead::scheduleNext()
{
    if (m_current >= m_count - 1) {
        pause();
        return;
    }
    m_timer.start(nextInterval());
}

void Playhead::advance()
{
    if (!m_playing)
        return;
    stepForward();
    scheduleNext();
}
