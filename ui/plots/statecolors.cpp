#include "statecolors.h"

#include <QHash>

QColor stateColor(const QString &state) {
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("CLOSED"), QColor(0xbd, 0xbd, 0xbd)},
        {QStringLiteral("LISTEN"), QColor(0x9e, 0xca, 0xe1)},
        {QStringLiteral("SYN_SENT"), QColor(0xfd, 0xae, 0x6b)},
        {QStringLiteral("SYN_RECEIVED"), QColor(0xfd, 0x8d, 0x3c)},
        {QStringLiteral("ESTABLISHED"), QColor(0x74, 0xc4, 0x76)},
        {QStringLiteral("FIN_WAIT_1"), QColor(0xbc, 0xbd, 0xdc)},
        {QStringLiteral("FIN_WAIT_2"), QColor(0x9e, 0x9a, 0xc8)},
        {QStringLiteral("CLOSING"), QColor(0xf7, 0x68, 0xa1)},
        {QStringLiteral("TIME_WAIT"), QColor(0xfe, 0xc4, 0x4f)},
        {QStringLiteral("CLOSE_WAIT"), QColor(0x66, 0xc2, 0xa4)},
        {QStringLiteral("LAST_ACK"), QColor(0xef, 0x65, 0x48)},
    };
    return colors.value(state, QColor(0xe0, 0xe0, 0xe0));
}
