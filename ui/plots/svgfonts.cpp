#include "svgfonts.h"

#include <QFont>
#include <QFontInfo>
#include <QHash>
#include <QStringList>

QByteArray withPortableFontFamilies(const QByteArray &svg)
{
    // Byte by byte (a long diagram's SVG is hundreds of megabytes): every font-family="..."
    // replaced, the rest copied as it is.
    static const QByteArray key("font-family=\"");
    QHash<QByteArray, QByteArray> resolved; // a file uses one or two families: resolve each once
    QByteArray out;
    out.reserve(svg.size() + svg.size() / 8);
    qsizetype last = 0;
    for (qsizetype at = svg.indexOf(key); at >= 0; at = svg.indexOf(key, last)) {
        const qsizetype from = at + key.size();
        const qsizetype end = svg.indexOf('"', from);
        if (end < 0)
            break;
        const QByteArray requested = svg.mid(from, end - from);
        auto r = resolved.constFind(requested);
        if (r == resolved.constEnd()) {
            const QString family = QString::fromUtf8(requested);
            QStringList families{QFontInfo(QFont(family)).family(),
                                 QStringLiteral("Noto Sans CJK SC"), QStringLiteral("DejaVu Sans")};
            families.removeDuplicates();
            r = resolved.insert(requested, QStringLiteral("font-family=\"'%1', sans-serif\"")
                                               .arg(families.join(QStringLiteral("', '")))
                                               .toUtf8());
        }
        out.append(svg.constData() + last, at - last);
        out.append(*r);
        last = end + 1;
    }
    out.append(svg.constData() + last, svg.size() - last);
    return out;
}
