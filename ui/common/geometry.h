#pragma once
// Plane geometry the diagrams' label placement shares (the state graph's router, the sequence
// diagram's text board).

#include <QPointF>
#include <QRectF>

// Whether the segment a-b passes through the inside of r (Liang-Barsky clipping); a segment
// that only runs along an edge does not.
bool segmentCrossesRect(const QPointF &a, const QPointF &b, const QRectF &r);
