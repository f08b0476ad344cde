#pragma once
// The state table: the eleven states with their meanings, the playhead's states highlighted in
// the client's and the server's colours, and a footnote on the widely copied wrong table.

#include <QWidget>

class QLabel;
class QTableView;
class StateTableModel;

class StateTableView : public QWidget {
    Q_OBJECT

public:
    explicit StateTableView(StateTableModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QTableView *m_table;
    QLabel *m_note;
};
