#pragma once
// The state graph as a DiagramPainter, for export.

#include "ui/common/diagrampainter.h"

class StateGraphModel;

class StateGraphPainter : public DiagramPainter {
public:
    explicit StateGraphPainter(const StateGraphModel &model)
        : m_model(model)
    {
    }

    QSizeF sizeForWidth(double width) const override;
    void paint(QPainter &p, const QSizeF &size) const override;

private:
    const StateGraphModel &m_model;
};
