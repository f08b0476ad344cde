#pragma once
// What the segments on the wire say about each endpoint's TCP state (RFC 9293 §3.10): the
// states a sock_diag snapshot is too slow to catch on loopback (SYN_SENT, SYN_RECEIVED, often
// FIN_WAIT_1), the states a jump skipped, and why a transition happened. Used by the live lab
// next to the kernel's snapshots; knows nothing of sockets, so a capture file can use it too.

#include "tcp/call.h"
#include "tcp/state.h"
#include "trace/event.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace capture {

class StateInference {
public:
    struct Inferred {
        tcp::State to = tcp::State::Closed;
        std::string cause; // "connect / snd SYN", "close / snd FIN"
    };

    // A segment seen on the wire (its src, dst, flags and fate). Records what each endpoint
    // sent and received, and returns the state the sender's own segment proves, if it proves a
    // change from senderState: the kernel changes state before it transmits, so the segment is
    // the evidence (RFC 9293 §3.10.1, §3.10.4). lastCall: the sender's last system call, which
    // a FIN is blamed on.
    std::optional<Inferred> onSegment(const tcplab::Event &seg, tcp::State senderState,
                                      std::optional<tcp::Call> lastCall);

    // Why ep went from -> to, judged from the segments since its last transition (a received
    // RST, a sent RST) and its last call.
    std::string cause(tcplab::EndpointId ep, tcp::State from, tcp::State to,
                      std::optional<tcp::Call> lastCall) const;

    // After a transition of ep: its evidence is counted afresh.
    void clearEvidence(tcplab::EndpointId ep) { m_evidence.erase(ep); }

    // The states between from and to along RFC 9293's diagram (to included, from not), the
    // usual path first; just {to} when the diagram has no way there.
    static std::vector<tcp::State> pathBetween(tcp::State from, tcp::State to);

    // The call a FIN or RST is blamed on: close() unless it was shutdown() or the process's exit.
    static std::string verb(std::optional<tcp::Call> lastCall);

private:
    struct Evidence {
        bool rcvdRst = false;
        bool sentRst = false;
    };
    std::map<tcplab::EndpointId, Evidence> m_evidence;
};

} // namespace capture
