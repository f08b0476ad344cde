#pragma once
// The event the user is at: every view follows it (DESIGN.md, "Qt models and views").
// Stepping and seeking are instant; play() advances through the events with the trace's own
// timing scaled by speed(), within bounds so that a 60 s TIME_WAIT does not stall playback and
// events at the same instant are still shown one by one.

#include <QObject>
#include <QPointer>
#include <QTimer>

class TraceModel;

class Playhead : public QObject {
    Q_OBJECT

public:
    explicit Playhead(QObject *parent = nullptr);

    int current() const { return m_current; } // index of the current event, -1 = none
    int count() const { return m_count; }
    bool isPlaying() const { return m_playing; }
    double speed() const { return m_speed; } // 1.0 = real time (trace microseconds)

    // Follows model: its count, and its event times for play(). On a reset the playhead goes to
    // the last event (the whole run is shown); when rows arrive while it is on the last event,
    // it moves to the new last one (a live run streams in under it).
    void setModel(const TraceModel *model);
    // Wall-clock bounds of one step while playing, in milliseconds (defaults 0 and 2000).
    void setIntervalBounds(int minimumMs, int maximumMs);
    // The wall-clock delay before the step from current() to current() + 1 while playing.
    int nextInterval() const;

public Q_SLOTS:
    // Clamps current() into the new range; if the playhead was on the last event (or there was
    // none), it moves to the new last event.
    void setCount(int count);
    void seek(int index);
    void stepForward();
    void stepBack();
    void toStart();
    void toEnd();
    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);

Q_SIGNALS:
    void currentChanged(int index);
    void playingChanged(bool playing);
    void countChanged(int count);
    void speedChanged(double speed);

private:
    void scheduleNext();
    void advance();
    void modelReset();

    QPointer<const TraceModel> m_model;
    QTimer m_timer;
    int m_current = -1;
    int m_count = 0;
    bool m_playing = false;
    double m_speed = 1.0;
    int m_minimumMs = 0;
    int m_maximumMs = 2000;
};
