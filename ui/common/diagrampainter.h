#pragma once
// Something that paints a whole diagram onto any QPaintDevice at a given size: what export
// needs from a view. The sequence diagram and the state graph implement it with the same
// renderer their widgets use; the plots can implement it with QCustomPlot::toPainter.

#include <QSizeF>

class QPainter;

class DiagramPainter {
public:
    virtual ~DiagramPainter() = default;
    // The natural size of the picture at this width.
    virtual QSizeF sizeForWidth(double width) const = 0;
    // Paints the whole picture into (0, 0, size); the background is already white.
    virtual void paint(QPainter &p, const QSizeF &size) const = 0;
};
