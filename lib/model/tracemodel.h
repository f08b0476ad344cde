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

    // Segments the live lab holds on the wire right now (issue 12): in flight, not yet events
    // of the trace -- each becomes one when released. By their number ("#3"), oldest first.
    struct Held {
        int hold = 0;
        tcplab::Event segment; // t: when held
    };
    void setHeld(int hold, const tcplab::Event &segment);
    void removeHeld(int hold);
    const QList<Held> &held() const { return m_held; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void traceChanged(); // after setTrace or appendEvent
    void heldChanged();  // after setHeld, removeHeld, or setTrace (which clears them)

protected:
    bool event(QEvent *e) override;

private:
    bool eventFilter(QObject *watched, QEvent *e) override;
    void retranslate();

    tcplab::Trace m_trace;
    EndpointHistory m_history;
    QList<Held> m_held;
};
