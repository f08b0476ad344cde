#include "statecolors.h"

QColor stateColor(tcp::State state)
{
    // Handshake states warm, data transfer green, active close violet/blue, passive close red.
    static const QRgb colors[tcp::kStateCount] = {
        0xd0d0d0, // CLOSED
        0xa6cee3, // LISTEN
        0xfdbf6f, // SYN_SENT
        0xffe08a, // SYN_RECEIVED
        0x8fd18f, // ESTABLISHED
        0xcab2d6, // FIN_WAIT_1
        0xa997dd, // FIN_WAIT_2
        0xfb9a99, // CLOSE_WAIT
        0xe7ba52, // CLOSING
        0xf4a582, // LAST_ACK
        0x7fb3d5, // TIME_WAIT
    };
    return QColor(colors[static_cast<int>(state)]);
}

QColor stateColor(const QString &state)
{
    tcp::State s;
    return tcp::parseState(state.toStdString(), s) ? stateColor(s) : QColor(0xe0, 0xe0, 0xe0);
}
