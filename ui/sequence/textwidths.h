#pragma once
// How wide texts are in one font, remembered. A long run's segment labels are a few patterns
// whose numbers differ ("ACK seq=1 ack=4001", "ACK seq=1 ack=4101"), and shaping a hundred
// thousand distinct strings is much of what placing them costs. Where the font's digits are
// all as wide as one another and none is kerned against a digit or against the characters
// beside it in the text, a text is as wide as its pattern (every digit a 0), which is measured
// once; otherwise the text itself is measured (and remembered). The widths are exactly
// QFontMetricsF::horizontalAdvance()'s.

#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QString>

class TextWidths {
public:
    explicit TextWidths(const QFont &font);

    const QFont &font() const { return m_font; }
    double advance(const QString &text);

private:
    // Whether each digit beside c (before and after it) is as wide as a 0 there.
    bool digitsAlikeBeside(QChar c);

    QFont m_font;
    QFontMetricsF m_metrics;
    bool m_digitsAlike = false;
    QHash<char16_t, bool> m_beside;
    QHash<QString, double> m_known;
};
