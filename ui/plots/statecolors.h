#pragma once
// The one colour per TCP state that every view uses: the sequence diagram's bands, the state
// graph's nodes, the state table's rows (through DiagramStyle::stateColor) and the plots' bands,
// so a state looks the same wherever a student meets it. It lives with the plots because the ui
// library links them, not the other way round.

#include "tcp/state.h"

#include <QColor>
#include <QString>

QColor stateColor(tcp::State state);
// By name ("TIME_WAIT", or a kernel spelling); an unknown name gets a neutral grey.
QColor stateColor(const QString &state);
