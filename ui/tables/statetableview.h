#pragma once
// The state table: the eleven states, one line each so that all of them and the playhead's
// highlighted states (client's and server's colours) stay in view, and under it a detail line
// with the whole meaning of the row pointed at, clicked, or else the client's current state;
// then a footnote on the widely copied wrong table.

#include <QWidget>

class QLabel;
class QTableView;
class StateTableModel;

class StateTableView : public QWidget {
    Q_OBJECT

public:
    explicit StateTableView(StateTableModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // The state (row) the detail line explains, and its text.
    int detailRow() const;
    QString detailText() const;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void sizeColumns(); // all but the meaning: wide enough for any value, so they never jump
    void updateDetail();
    QString detail(bool html) const;

    StateTableModel *m_model;
    QTableView *m_table;
    QLabel *m_detail;
    QLabel *m_note;
    int m_hoverRow = -1;  // under the mouse
    int m_pinnedRow = -1; // clicked
};
