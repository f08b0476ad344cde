#pragma once
// Colours and fonts shared by the diagrams, their legends and the state table, so the client
// is the same blue everywhere and every state has one colour.

#include "model/endpointhistory.h"

#include <QColor>
#include <QFont>

namespace DiagramStyle {

QColor sideColor(Side side);         // client blue, server orange
QColor stateColor(tcp::State state); // the band / node fill
QColor stateTextColor(tcp::State state);
QColor playheadColor();
QColor dropColor();
QColor heldColor();                  // a segment the live lab holds on the wire (amber)
QColor retransmissionColor();
QColor noteColor();
QColor counterfactualColor(); // "not TCP": the banners and the edges TCP does not have
QColor gridColor();
QColor textColor();
QFont font(double pixelSize, bool bold = false);

} // namespace DiagramStyle
