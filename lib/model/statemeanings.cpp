#include "statemeanings.h"

namespace {
// In tcp::State order. Paraphrases of RFC 9293 §3.3.2, with the socket call that leads there.
// QT_TRANSLATE_NOOP names the context that StateMeanings::tr() looks them up in.
constexpr const char *kMeanings[tcp::kStateCount] = {
    QT_TRANSLATE_NOOP("StateMeanings",
                      "No connection: the socket has no connection state (before connect() or "
                      "listen(), or after the connection has ended)."),
    QT_TRANSLATE_NOOP("StateMeanings",
                      "Waiting for a connection request (SYN) from any remote peer: the server "
                      "called listen()."),
    QT_TRANSLATE_NOOP(
        "StateMeanings",
        "Sent a connection request (SYN); waiting for the matching SYN+ACK: the client "
        "called connect()."),
    QT_TRANSLATE_NOOP("StateMeanings",
                      "Received a connection request (SYN) and answered with SYN+ACK; waiting for "
                      "the ACK that confirms it."),
    QT_TRANSLATE_NOOP(
        "StateMeanings",
        "The connection is open and data flows both ways: the normal state of the data "
        "transfer phase."),
    QT_TRANSLATE_NOOP(
        "StateMeanings",
        "This side closed first and sent its FIN; waiting for the ACK of that FIN, or "
        "for the peer's FIN."),
    QT_TRANSLATE_NOOP("StateMeanings",
                      "Our FIN has been acknowledged; waiting for the peer's FIN. This side can "
                      "still receive data."),
    QT_TRANSLATE_NOOP(
        "StateMeanings",
        "The peer has closed (its FIN arrived; recv() returns 0); waiting for the local "
        "application to call close()."),
    QT_TRANSLATE_NOOP("StateMeanings",
                      "Both sides sent a FIN at the same time; waiting for the ACK of our FIN."),
    QT_TRANSLATE_NOOP("StateMeanings",
                      "The passive closer sent its FIN after the peer's; waiting for the last ACK, "
                      "the one acknowledging that FIN."),
    QT_TRANSLATE_NOOP(
        "StateMeanings",
        "Waiting 2MSL after sending the final ACK: to send that ACK again if the peer's "
        "FIN is retransmitted, and to let old duplicate segments die out before the same "
        "address and port pair is used again."),
};
} // namespace

QString StateMeanings::name(tcp::State s)
{
    return QString::fromLatin1(tcp::stateName(s));
}

QString StateMeanings::meaning(tcp::State s)
{
    return tr(kMeanings[static_cast<int>(s)]);
}

QString StateMeanings::correctionNote()
{
    return tr("These meanings follow RFC 9293 §3.3.2. A state table copied widely on the web is "
              "wrong: it renames two rows of a textbook's table, so it lists \"ITMED_WAIT\", "
              "which is no TCP state, leaves out CLOSE_WAIT, gives TIME_WAIT CLOSE_WAIT's "
              "meaning (\"the other side has initiated a release\"), and spells SYN_SENT "
              "\"SYN_SEND\".");
}
