#pragma once
// What every message lib/scenario gives the user must be (trace/message.h): a template marked
// for lupdate, found in translations/tcplab_zh_CN.ts in the "scenario" context with a finished
// translation, its arguments put in giving exactly the English text the command line prints.
// The parser's and the runner's suites check every message they provoke this way.

#include "trace/message.h"

#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

#include <string>

namespace messagecheck {

// The "scenario" context of the .ts file: source -> translation ("" while unfinished).
inline const QHash<QString, QString> &translations()
{
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> out;
        QFile f(QStringLiteral(TCPLAB_SOURCE_DIR "/translations/tcplab_zh_CN.ts"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(f.fileName()));
        QXmlStreamReader xml(&f);
        QString context, source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const bool unfinished = !xml.attributes().value(QLatin1String("type")).isEmpty();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (context == QLatin1String(tcplab::kMessageContext))
                    out.insert(source, unfinished ? QString() : text);
            }
        }
        return out;
    }();
    return table;
}

inline void collect(const tcplab::Message &m, QStringList &problems)
{
    if (m.word)
        return;
    const QString text = QString::fromStdString(m.text);
    const auto it = translations().constFind(text);
    if (it == translations().constEnd())
        problems << QStringLiteral("template not in the .ts (marked for lupdate?): ") + text;
    else if (it->isEmpty())
        problems << QStringLiteral("template not translated: ") + text;
    for (const tcplab::Message &a : m.args)
        collect(a, problems);
}

// Empty when what is a message as it should be and says english.
inline QStringList problems(const std::string &english, const tcplab::Message &what)
{
    QStringList out;
    if (what.empty())
        return {QStringLiteral("no message for: ") + QString::fromStdString(english)};
    if (what.english() != english)
        out << QStringLiteral("message says: ") + QString::fromStdString(what.english());
    collect(what, out);
    return out;
}

} // namespace messagecheck
