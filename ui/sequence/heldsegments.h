#pragma once
// The segments the live lab holds on the wire (issue 12), drawn over the sequence diagram: each
// an arrow from its sender that stops half-way, dashed, in the held colour, with a pause mark
// at its tip and its number -- in flight, waiting for the student's verdict. Not events of the
// trace yet: each becomes an ordinary arrow when released.

#include "model/tracemodel.h"

class QPainter;
class SequenceScene;

void paintHeldSegments(QPainter &p, const SequenceScene &scene,
                       const QList<TraceModel::Held> &held);
// The lowest y (scene units) the drawing reaches, 0 with none held: held segments come after
// the last event, below the scene's own height, and the view scrolls to show them.
double heldSegmentsBottom(const SequenceScene &scene, const QList<TraceModel::Held> &held);
