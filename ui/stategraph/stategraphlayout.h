#pragma once
// Where the state graph's nodes and edges are, in a fixed logical canvas laid out like the
// diagram of RFC 793 / RFC 9293 §3.3.2 (Figure 5): CLOSED at the top, LISTEN below it, the two
// SYN states, ESTABLISHED in the middle, the active close on the left (FIN_WAIT_1, FIN_WAIT_2,
// CLOSING, TIME_WAIT), the passive close on the right (CLOSE_WAIT, LAST_ACK), and CLOSED again
// at the bottom right, where the closes end. Plain geometry, tested without a window.
//
// A counterfactual protocol (tcp::DiagramVariant) has edges TCP has not: the two-way handshake's
// LISTEN -> ESTABLISHED, and without TIME_WAIT the closes go straight to CLOSED. That CLOSED
// takes TIME_WAIT's place at the bottom, where the three closing edges already lead, and
// TIME_WAIT, which such a protocol does not have, is not drawn.
//
// place() lays out a whole graph: the figure's routes, and a route for every transition a run
// took that the figure has not (a reset, an abort, FIN_WAIT_2's timeout) that crosses no state's
// box; then every edge's label where it overlaps no other label, no box and nothing the caller
// reserves (the legend, the client/server tags). The label sizes are the caller's, measured in
// the language shown.

#include "tcp/state.h"
#include "tcp/statediagram.h"

#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QTransform>

#include <vector>

class StateGraphLayout {
public:
    // Nodes are the states (tcp::State order) plus the second CLOSED at the bottom.
    static constexpr int kClosedBottom = tcp::kStateCount;
    static constexpr int kNodeCount = tcp::kStateCount + 1;

    struct Route {
        QPolygonF points; // from the source node's border to the target node's
        QPointF labelAnchor;
        int labelAlign = 0; // Qt::Alignment of the label relative to the anchor
        int fromNode = 0;
        int toNode = 0;
        bool outsideFigure = false; // a transition the figure does not have: drawn dashed
    };
    // An edge to lay out, with the size of its label.
    struct EdgeLabel {
        tcp::State from = tcp::State::Closed;
        tcp::State to = tcp::State::Closed;
        QSizeF labelSize;
    };
    struct Placement {
        std::vector<Route> routes;  // one per edge, in order
        std::vector<QRectF> labels; // one per edge: where its label's box is
        QRectF canvas;              // canvas(), grown where a route below the figure needs it
    };

    static QRectF canvas(); // the logical area everything is drawn in
    static QRectF nodeRect(int node, tcp::DiagramVariant variant = {});
    // Whether the node is drawn: not TIME_WAIT in a protocol without it.
    static bool nodeShown(int node, tcp::DiagramVariant variant = {});
    static tcp::State nodeState(int node); // kClosedBottom -> Closed
    // The drawing of an edge: the figure's route, or a curve for other transitions (place()
    // routes those around the boxes).
    static Route route(tcp::State from, tcp::State to, tcp::DiagramVariant variant = {});
    // Routes and label boxes for a graph's edges. A figure's label stays where it is drawn by
    // hand unless it would overlap something (a long translation), then it moves along its
    // route; `reserved` are boxes no label may cover. Deterministic.
    static Placement place(const std::vector<EdgeLabel> &edges, tcp::DiagramVariant variant = {},
                           const std::vector<QRectF> &reserved = {});
    // Where a label of size sits, given its route's anchor and alignment.
    static QRectF labelRect(const QPointF &anchor, int align, const QSizeF &size);
    // The node a state is drawn as, given the edge that led there (-1: none): CLOSED reached by
    // a close (from TIME_WAIT, LAST_ACK, or by a reset) is the bottom node.
    static int nodeFor(tcp::State state, int lastToNode);
    // Scale-to-fit of the canvas (or of area, the canvas with a banner) into target, centred,
    // aspect kept.
    static QTransform fit(const QRectF &target);
    static QTransform fit(const QRectF &target, const QRectF &area);
    // The point at fraction f (0..1) of a polyline's length.
    static QPointF pointAlong(const QPolygonF &line, double f);
    // The point d units along a polyline from its start (its end if it is shorter).
    static QPointF pointAtDistance(const QPolygonF &line, double d);
    // The node at a logical point, or -1.
    static int nodeAt(const QPointF &logical, tcp::DiagramVariant variant = {});
};
