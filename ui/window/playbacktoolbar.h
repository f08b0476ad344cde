#pragma once
// Playback controls bound to a Playhead: to start, step back, play/pause, step forward, to end,
// speed, a slider over the whole run and the position. Shortcuts: Ctrl+Home, Left, Space,
// Right, Ctrl+End, [ and ] for slower/faster.

#include <QPointer>
#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class Playhead;
class TraceModel;

class PlaybackToolBar : public QToolBar {
    Q_OBJECT

public:
    PlaybackToolBar(Playhead *playhead, const TraceModel *model, QWidget *parent = nullptr);

    QList<QAction *> playbackActions() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updatePosition();
    void updatePlaying(bool playing);
    void speedChosen(int index);
    void changeSpeed(int delta);

    QPointer<Playhead> m_playhead;
    QPointer<const TraceModel> m_model;
    QAction *m_start;
    QAction *m_back;
    QAction *m_play;
    QAction *m_forward;
    QAction *m_end;
    QAction *m_slower;
    QAction *m_faster;
    QLabel *m_speedLabel;
    QComboBox *m_speed;
    QSlider *m_slider;
    QLabel *m_position;
};
