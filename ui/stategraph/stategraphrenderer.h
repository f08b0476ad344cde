#pragma once
// Paints the TCP state graph onto any QPaintDevice: the RFC 9293 transitions, the path the
// client and the server have taken up to the playhead (thick, in their colours, numbered), and
// the node each is in now. The widget and every export go through here. A counterfactual run
// (not TCP) gets a banner above the graph saying so, and the edges TCP does not have are drawn
// in the banner's colour.

#include "ui/stategraph/stategraphlayout.h"

#include "model/endpointhistory.h"

#include <QCoreApplication>
#include <QRectF>
#include <QTransform>

#include <vector>

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
    // The logical area painted: the layout's canvas, with the banner's strip above it on a
    // counterfactual run.
    QRectF area() const;
    // Logical coordinates to target's (what paint() uses; hit-testing inverts it).
    QTransform fit(const QRectF &target) const;
    // "Not TCP: two-way handshake (counterfactual)"; empty on a TCP run.
    QString bannerText() const;
    // Every edge's route and label box, as paint() draws them (logical coordinates; a row of
    // the model each): the layout's placement of the labels measured in the language shown,
    // clear of the legend and of the client/server tags.
    StateGraphLayout::Placement placement() const;
    std::vector<QRectF> labelRects() const { return placement().labels; }
    // The legend's text, top left.
    QRectF legendRect() const;
    // The tag naming who is in a node, above its left (client) or right (server) corner.
    QRectF tagRect(int node, Side side) const;

private:
    void paintBanner(QPainter &p) const;
    void paintEdges(QPainter &p, const StateGraphLayout::Placement &placement) const;
    void paintPaths(QPainter &p, const StateGraphLayout::Placement &placement) const;
    void paintNodes(QPainter &p, const StateGraphLayout::Placement &placement) const;
    void paintLegend(QPainter &p) const;
    int currentNode(int side, const StateGraphLayout::Placement &placement) const;
    QString legendLine(int side) const;
    QString legendNote() const;

    const StateGraphModel &m_model;
};
