#include "messagetext.h"

#include <QCoreApplication>
#include <QLocale>

QString MessageText::translated(const tcplab::Message &message)
{
    if (message.word)
        return QString::fromStdString(message.text);
    const QString text = QCoreApplication::translate(tcplab::kMessageContext, message.text.c_str());
    // One pass, as Message::english() does: an argument's text (the user's own words) is never
    // scanned for placeholders, and a placeholder without an argument stays as it is.
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar digit = i + 1 < text.size() ? text.at(i + 1) : QChar();
        const int n =
            text.at(i) == QLatin1Char('%') && digit >= QLatin1Char('1') && digit <= QLatin1Char('9')
                ? digit.unicode() - '1'
                : -1;
        if (n >= 0 && std::size_t(n) < message.args.size()) {
            out += translated(message.args[std::size_t(n)]);
            ++i;
        } else {
            out += text.at(i);
        }
    }
    return out;
}

QString MessageText::translated(const tcplab::Message &message, const std::string &english)
{
    return message.empty() ? QString::fromStdString(english) : translated(message);
}

std::string MessageText::language()
{
    return QLocale().name() == QLatin1String("zh_CN") ? "zh_CN" : "en";
}
