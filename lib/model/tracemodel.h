#pragma once
// One row per event of a Trace (DESIGN.md, "Qt models and views"). The trace is kept as the
// value it is; views that draw (the sequence diagram, the plots) read event(row) directly.

#include "endpointhistory.h"
#include "trace/trace.h"

#include <QAbstractTableModel>

class TraceModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TimeColumn, TypeColumn, WhoColumn, WhatColumn, ColumnCount };

    explicit TraceModel(QObject *parent = nullptr);

    void setTrace(tcplab::Trace trace);       // resets the model
    void appendEvent(const tcplab::Event &e); // live streaming: inserted in time order
    const tcplab::Trace &trace() const { return m_trace; }
    const tcplab::Event &event(int row) const { return m_trace.events[std::size_t(row)]; }
    // The state of each endpoint at any row.
    const EndpointHistory &history() const { return m_history; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void traceChanged(); // after setTrace or appendEvent

protected:
    bool event(QEvent *e) override;

private:
    bool eventFilter(QObject *watched, QEvent *e) override;
    void retranslate();

    tcplab::Trace m_trace;
    EndpointHistory m_history;
};
