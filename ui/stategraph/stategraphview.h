#pragma once
// The state graph widget: StateGraphRenderer scaled to the widget, following the playhead
// through the StateGraphModel; hovering a state shows its meaning.

#include "tcp/state.h"

#include <QPointer>
#include <QWidget>

class StateGraphModel;

class StateGraphView : public QWidget {
    Q_OBJECT

public:
    explicit StateGraphView(StateGraphModel *model, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void stateClicked(tcp::State state); // a lesson's click-state question listens

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QPointer<StateGraphModel> m_model;
};
