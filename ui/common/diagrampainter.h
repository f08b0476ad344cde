#pragma once
// Something that paints a whole diagram onto any QPaintDevice at a given size: what export
// needs from a view. The sequence diagram and the state graph implement it with the same
// renderer their widgets use; the plots can implement it with QCustomPlot::toPainter.

#include <QPainter>
#include <QSizeF>

class DiagramPainter {
public:
    virtual ~DiagramPainter() = default;
    // The natural size of the picture at this width.
    virtual QSizeF sizeForWidth(double width) const = 0;
    // Paints the whole picture into (0, 0, size); the background is already white.
    virtual void paint(QPainter &p, const QSizeF &size) const = 0;
    // Before an export paints the whole picture at size: what can be done for all of it at
    // once is done now, on as many threads. What is painted after is the same without it.
    virtual void prepare(const QSizeF &size, int threads) const
    {
        (void)size;
        (void)threads;
    }
    // Whether, once prepared, paintPart() and paintStrip() may run on several threads at once
    // (they change nothing): an export then paints on every core.
    virtual bool paintsInParallel() const { return false; }
    // The picture cut into pages of this size (a long diagram as a PDF): how many, and each
    // one. A painter that cannot be cut has one page, its whole picture scaled to it.
    virtual int pageCount(const QSizeF &page) const
    {
        (void)page;
        return 1;
    }
    virtual void paintPage(QPainter &p, const QSizeF &page, int index) const
    {
        (void)index;
        paint(p, page);
    }
    // The whole picture in parts, painted one after the other on the same painter: together
    // what paint() paints, in the same order. An SVG is written part by part, Cancel looked
    // at between them. A painter that cannot be cut has one part, its whole picture.
    virtual int partCount(const QSizeF &size) const
    {
        (void)size;
        return 1;
    }
    virtual void paintPart(QPainter &p, const QSizeF &size, int part) const
    {
        (void)part;
        paint(p, size);
    }
    // The strip of the picture at size from pixel row top, height rows tall, on a painter whose
    // device is that strip (its row 0 the picture's row top): every strip so painted makes
    // paint()'s picture, pixel for pixel. A PNG is painted and written a strip at a time.
    virtual void paintStrip(QPainter &p, const QSizeF &size, int top, int height) const
    {
        p.save();
        p.translate(0, -top);
        p.setClipRect(QRectF(0, top, size.width(), height));
        paint(p, size);
        p.restore();
    }
};
