#include "ui/common/diagramstyle.h"

#include "ui/plots/statecolors.h"

namespace DiagramStyle {

QColor sideColor(Side side)
{
    return side == Side::Client ? QColor(0x1f, 0x5f, 0xbf) : QColor(0xd3, 0x54, 0x00);
}

QColor stateColor(tcp::State state)
{
    return ::stateColor(state); // one palette for the diagrams and the plots
}

QColor stateTextColor(tcp::State state)
{
    return stateColor(state).darker(260);
}

QColor playheadColor()
{
    return QColor(0xc2, 0x18, 0x5b);
}

QColor heldColor()
{
    return QColor(0xc7, 0x7c, 0x02);
}

QColor dropColor()
{
    return QColor(0xd0, 0x00, 0x00);
}

QColor retransmissionColor()
{
    return QColor(0x8e, 0x24, 0xaa);
}

QColor noteColor()
{
    return QColor(0xff, 0xf6, 0xc8);
}

QColor counterfactualColor()
{
    // A warning red, darker than a drop's cross and far from the sides' blue and orange, so
    // white text on it reads at any size.
    return QColor(0xb0, 0x00, 0x20);
}

QColor gridColor()
{
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor textColor()
{
    return QColor(0x21, 0x21, 0x21);
}

QFont font(double pixelSize, bool bold)
{
    QFont f;
    f.setPixelSize(int(pixelSize + 0.5));
    f.setBold(bold);
    return f;
}

} // namespace DiagramStyle
