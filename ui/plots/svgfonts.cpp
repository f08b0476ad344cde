#include "svgfonts.h"

#include <QFont>
#include <QFontInfo>
#include <QHash>
#include <QRegularExpression>
#include <QStringList>

QByteArray withPortableFontFamilies(const QByteArray &svg)
{
    static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
    QString text = QString::fromUtf8(svg);
    QHash<QString, QString> resolved; // a file uses one or two families: resolve each once
    QString out;
    out.reserve(text.size() + 1024);
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = family.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString requested = m.captured(1);
        auto r = resolved.find(requested);
        if (r == resolved.end()) {
            QStringList families{QFontInfo(QFont(requested)).family(),
                                 QStringLiteral("Noto Sans CJK SC"), QStringLiteral("DejaVu Sans")};
            families.removeDuplicates();
            r = resolved.insert(requested, QStringLiteral("font-family=\"'%1', sans-serif\"")
                                               .arg(families.join(QStringLiteral("', '"))));
        }
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += *r;
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out.toUtf8();
}
