#pragma once
// What makes a counterfactual run not TCP, in the reader's language, for the banners every view
// shows on such a run (the state graph, the sequence diagram, the status bar).

#include "trace/trace.h"

#include <QCoreApplication>
#include <QString>

class CounterfactualText {
    Q_DECLARE_TR_FUNCTIONS(CounterfactualText)

public:
    // "two-way handshake", "no TIME_WAIT", or both ("two-way handshake, no TIME_WAIT");
    // empty for a TCP run. A kind of note this build does not know is shown as it is written.
    static QString deviations(const tcplab::Trace &trace);
};
