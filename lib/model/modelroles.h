#pragma once
// Custom item roles of every model in lib/model, in one header (STYLE.md 10). Views and plots
// read these instead of parsing display text.

#include <Qt>

namespace ModelRoles {

enum Role {
    // TraceModel (any column)
    EventTypeRole = Qt::UserRole + 1, // int: tcplab::EventType
    TimeRole,                         // qint64: microseconds since the start of the run
    EndpointRole,                     // QString: "client"/"server" (a segment's source)
    PeerRole,                         // QString: a segment's destination
    FlagsRole,                        // QString: "SYN+ACK"
    LabelRole,                        // QString: the diagram label, "SYN seq=0", "recv() = 0"
    DroppedRole,                      // bool: a dropped segment
    RetransmissionRole,               // bool: a retransmitted segment
    StateFromRole,                    // QString: a state event's from
    StateToRole,                      // QString: a state event's to
    StateSourceRole,                  // QString: "simulated", "kernel", "inferred"
    ArrivalTimeRole,                  // qint64: a segment's arrival, -1 when dropped

    // StateTableModel (any column)
    StateRole = Qt::UserRole + 40, // int: tcp::State of the row
    ClientHereRole,                // bool: the client is in this state at the playhead
    ServerHereRole,                // bool
    ClientTimeRole,                // qint64: µs the client spent in it up to the playhead
    ServerTimeRole,                // qint64

    // StateGraphModel (any column)
    FromStateRole = Qt::UserRole + 80, // int: tcp::State
    ToStateRole,                       // int: tcp::State
    StandardEdgeRole,                  // bool: drawn in RFC 9293 Figure 5 (else: seen in the run)
    ClientTakenRole,                   // int: how often the client took it up to the playhead
    ServerTakenRole,                   // int
    ClientStepsRole,                   // QVariantList<int>: 1-based positions in the client's path
    ServerStepsRole,                   // QVariantList<int>
    RfcSectionRole,                    // QString: where RFC 9293 describes it
    NotTcpEdgeRole,                    // bool: a counterfactual protocol's edge, not TCP's
};

} // namespace ModelRoles
