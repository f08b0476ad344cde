#pragma once
// The trace as a table, one row per event; selecting a row moves the playhead, and the
// playhead's event is selected and scrolled to.

#include <QPointer>
#include <QTableView>

class Playhead;
class TraceModel;

class EventListView : public QTableView {
    Q_OBJECT

public:
    EventListView(TraceModel *model, Playhead *playhead, QWidget *parent = nullptr);

private:
    void playheadMoved(int row);
    void rowSelected();
    void fitColumns();

    QPointer<Playhead> m_playhead;
    bool m_following = false; // selecting because the playhead moved: do not seek back
};
