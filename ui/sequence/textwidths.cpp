#include "ui/sequence/textwidths.h"

namespace {
bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}
} // namespace

TextWidths::TextWidths(const QFont &font)
    : m_font(font)
    , m_metrics(font)
{
    // Tabular digits, and no pair of them kerned: every digit pair as wide as "00".
    const double pair = m_metrics.horizontalAdvance(QStringLiteral("00"));
    m_digitsAlike = true;
    for (char a = '0'; a <= '9' && m_digitsAlike; ++a)
        for (char b = '0'; b <= '9' && m_digitsAlike; ++b)
            m_digitsAlike = m_metrics.horizontalAdvance(QString(QLatin1Char(a)) + QLatin1Char(b))
                            == pair;
}

bool TextWidths::digitsAlikeBeside(QChar c)
{
    auto known = m_beside.constFind(c.unicode());
    if (known != m_beside.constEnd())
        return *known;
    const double before = m_metrics.horizontalAdvance(QString(c) + QLatin1Char('0'));
    const double after = m_metrics.horizontalAdvance(QString(QLatin1Char('0')) + c);
    bool alike = true;
    for (char d = '1'; d <= '9' && alike; ++d)
        alike = m_metrics.horizontalAdvance(QString(c) + QLatin1Char(d)) == before &&
                m_metrics.horizontalAdvance(QString(QLatin1Char(d)) + c) == after;
    m_beside.insert(c.unicode(), alike);
    return alike;
}

double TextWidths::advance(const QString &text)
{
    QString key = text;
    if (m_digitsAlike) {
        bool alike = true;
        const qsizetype n = text.size();
        for (qsizetype i = 0; i < n && alike; ++i) {
            if (!isDigit(text[i]))
                continue;
            key[i] = QLatin1Char('0');
            if (i > 0 && !isDigit(text[i - 1]))
                alike = digitsAlikeBeside(text[i - 1]);
            if (alike && i + 1 < n && !isDigit(text[i + 1]))
                alike = digitsAlikeBeside(text[i + 1]);
        }
        if (!alike)
            key = text;
    }
    auto known = m_known.constFind(key);
    if (known != m_known.constEnd())
        return *known;
    if (m_known.size() > 100'000) // texts that all differ: measured, not hoarded
        m_known.clear();
    const double w = m_metrics.horizontalAdvance(key);
    m_known.insert(key, w);
    return w;
}
