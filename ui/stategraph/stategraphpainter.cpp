#include "ui/stategraph/stategraphpainter.h"

#include "ui/stategraph/stategraphrenderer.h"

QSizeF StateGraphPainter::sizeForWidth(double width) const
{
    const QRectF c = StateGraphRenderer(m_model).area(); // with the banner, when there is one
    return QSizeF(width, width * c.height() / c.width());
}

void StateGraphPainter::paint(QPainter &p, const QSizeF &size) const
{
    StateGraphRenderer(m_model).paint(p, QRectF(QPointF(0, 0), size).adjusted(6, 6, -6, -6));
}
