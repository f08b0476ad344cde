#pragma once
// Paints the TCP state graph onto any QPaintDevice: the RFC 9293 transitions, the path the
// client and the server have taken up to the playhead (thick, in their colours, numbered), and
// the node each is in now. The widget and every export go through here.

#include <QCoreApplication>
#include <QRectF>

class QPainter;
class StateGraphModel;

class StateGraphRenderer {
    Q_DECLARE_TR_FUNCTIONS(StateGraphRenderer)

public:
    explicit StateGraphRenderer(const StateGraphModel &model)
        : m_model(model)
    {
    }

    // Scales the graph to fit target, centred.
    void paint(QPainter &p, const QRectF &target) const;

private:
    void paintEdges(QPainter &p) const;
    void paintPaths(QPainter &p) const;
    void paintNodes(QPainter &p) const;
    void paintLegend(QPainter &p) const;
    int currentNode(int side) const;

    const StateGraphModel &m_model;
};
