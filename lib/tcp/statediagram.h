#pragma once
// The TCP state-transition diagram, written once: RFC 9293 §3.3.2 Figure 5 plus what the text
// of §3.10 adds, each edge with its event / action and the section that specifies it. The
// state graph model adds translations and the layout adds geometry, both keyed by (from, to);
// the live lab's state inference walks the same edges. A counterfactual protocol (not TCP,
// used by lessons) has its own edge set.

#include "state.h"

#include <vector>

namespace tcp {

struct DiagramEdge {
    State from = State::Closed;
    State to = State::Closed;
    const char *label = ""; // "rcv SYN / snd SYN+ACK": English, translated by the views
    const char *rfc = "";   // "3.10.7.2"
    bool usual = false;     // on the usual client or server path (Stevens' thick arrows)
};

// Which protocol's diagram: TCP's, or a counterfactual variant of it.
struct DiagramVariant {
    bool twoWayHandshake = false; // the server is ESTABLISHED on the SYN, no third segment
    bool timeWait = true;         // false: the active closer goes straight to CLOSED
};

// The edges, in the order of the RFC's figure, top to bottom.
const std::vector<DiagramEdge> &diagramEdges(DiagramVariant variant = {});

// Where a state can go next: the usual path's edge first, then the diagram's other edges in
// figure order, then CLOSED, which a reset, an abort or a timeout reaches from anywhere. The
// order breaks ties when the live lab fills in states the kernel passed too fast to see.
std::vector<State> successors(State from, DiagramVariant variant = {});

} // namespace tcp
