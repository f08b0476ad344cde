#include "eventtext.h"

#include "messagetext.h"

#include "tcp/segment.h"
#include "trace/textformat.h"

using tcplab::Event;
using tcplab::EventType;

QString EventText::time(qint64 us)
{
    return tr("%1 ms").arg(QString::fromStdString(tcplab::formatTime(us)));
}

QString EventText::duration(qint64 us)
{
    const qint64 a = us < 0 ? -us : us;
    const QString sign = us < 0 ? QStringLiteral("-") : QString();
    if (a < 1000)
        return sign + tr("%1 µs").arg(a);
    if (a < 1'000'000)
        return sign + tr("%1 ms").arg(QString::number(a / 1000.0, 'g', 4));
    if (a < 120'000'000)
        return sign + tr("%1 s").arg(QString::number(a / 1e6, 'g', 4));
    const qint64 s = a / 1'000'000;
    return sign + tr("%1 min %2 s").arg(s / 60).arg(s % 60);
}

QString EventText::withLocalUnit(const std::string &text)
{
    const QString t = QString::fromStdString(text);
    const qsizetype space = t.lastIndexOf(QLatin1Char(' '));
    if (space <= 0)
        return t;
    const QString number = t.left(space);
    const QStringView unit = QStringView(t).mid(space + 1);
    if (unit == QLatin1String("s"))
        return tr("%1 s").arg(number);
    if (unit == QLatin1String("ms"))
        return tr("%1 ms").arg(number);
    if (unit == QStringLiteral("µs"))
        return tr("%1 µs").arg(number);
    return t;
}

QString EventText::endpointName(tcplab::EndpointId ep)
{
    if (ep == tcplab::EndpointId::client())
        return tr("client");
    if (ep == tcplab::EndpointId::server())
        return tr("server");
    return fromStd(tcplab::endpointName(ep));
}

QString EventText::cause(const std::string &text)
{
    // Causes the state diagram does not label itself (those it does are translated there, in
    // the StateGraphModel context, and found there first).
    static const char *const kCauses[] = {
        QT_TRANSLATE_NOOP("EventText", "rcv ACK"),
        QT_TRANSLATE_NOOP("EventText", "rcv RST"),
        QT_TRANSLATE_NOOP("EventText", "rcv SYN+ACK"),
        QT_TRANSLATE_NOOP("EventText", "rcv FIN+ACK / snd ACK"),
        QT_TRANSLATE_NOOP("EventText", "abort"),
        QT_TRANSLATE_NOOP("EventText", "abort / snd RST"),
        QT_TRANSLATE_NOOP("EventText", "shutdown"),
        QT_TRANSLATE_NOOP("EventText", "shutdown / snd FIN"),
        QT_TRANSLATE_NOOP("EventText", "exit / snd FIN"),
        QT_TRANSLATE_NOOP("EventText", "close / snd RST (unread data)"),
        QT_TRANSLATE_NOOP("EventText", "exit / snd RST (unread data)"),
        QT_TRANSLATE_NOOP("EventText", "rcv data after close / snd RST"),
        QT_TRANSLATE_NOOP("EventText", "FIN_WAIT_2 timeout (Linux tcp_fin_timeout)"),
        QT_TRANSLATE_NOOP("EventText", "retransmission limit (ETIMEDOUT)"),
        QT_TRANSLATE_NOOP("EventText", "SYN+ACK retries exhausted"),
        QT_TRANSLATE_NOOP("EventText", "open when the watch started"),
    };
    const QByteArray source = QByteArray::fromStdString(text);
    for (const char *c : kCauses)
        if (source == c)
            return QCoreApplication::translate("EventText", c);
    return QCoreApplication::translate("StateGraphModel", source.constData());
}

QString EventText::typeName(EventType type)
{
    switch (type) {
    case EventType::Call:
        return tr("call");
    case EventType::Segment:
        return tr("segment");
    case EventType::State:
        return tr("state");
    case EventType::Timer:
        return tr("timer");
    case EventType::Note:
        return tr("note");
    }
    return {};
}

QString EventText::timerName(tcp::Timer timer)
{
    switch (timer) {
    case tcp::Timer::TimeWait:
        return tr("2MSL");
    case tcp::Timer::Retransmit:
        return tr("RTO");
    case tcp::Timer::FinWait2:
        return tr("FIN_WAIT_2 timeout");
    case tcp::Timer::DelayedAck:
        break;
    }
    return tr("delayed ACK");
}

QString EventText::timerShortName(tcp::Timer timer)
{
    switch (timer) {
    case tcp::Timer::TimeWait:
        return QStringLiteral("2MSL");
    case tcp::Timer::Retransmit:
        return QStringLiteral("RTO");
    case tcp::Timer::FinWait2:
        return QStringLiteral("FIN_WAIT_2");
    case tcp::Timer::DelayedAck:
        break;
    }
    return timerName(timer);
}

QString EventText::timerAction(tcp::TimerAction action)
{
    switch (action) {
    case tcp::TimerAction::Armed:
        return tr("armed");
    case tcp::TimerAction::Fired:
        return tr("fired");
    case tcp::TimerAction::Cancelled:
        break;
    }
    return tr("cancelled");
}

QString EventText::segmentLabel(const Event &e, bool absolute)
{
    QString s =
        QString::fromStdString(tcp::flagsName(e.flags)) + QStringLiteral(" seq=")
        + QString::number(absolute ? e.seqAbs : e.seq);
    if ((e.flags & tcp::ACK) != 0)
        s += QStringLiteral(" ack=") + QString::number(absolute ? e.ackAbs : e.ack);
    if (e.len > 0)
        s += QStringLiteral(" len=") + QString::number(e.len);
    return s;
}

QString EventText::callLabel(const Event &e)
{
    QString s = QString::fromUtf8(tcp::callName(e.call)) + QLatin1Char('(');
    if (e.arg >= 0)
        s += QString::number(e.arg);
    s += QLatin1Char(')');
    if (!e.result.empty()) {
        // recv() returns 0 at end of file: show what the program sees (the trace says "EOF").
        s += QStringLiteral(" = ") + (e.result == "EOF" ? QStringLiteral("0") : fromStd(e.result));
    }
    return s;
}

QString EventText::label(const Event &e, bool absolute)
{
    switch (e.type) {
    case EventType::Segment:
        return segmentLabel(e, absolute);
    case EventType::Call:
        return callLabel(e);
    case EventType::State:
        return QString::fromUtf8(tcp::stateName(e.from)) + QStringLiteral(" → ")
               + QString::fromUtf8(tcp::stateName(e.to));
    case EventType::Timer:
        return timerName(e.timer) + QLatin1Char(' ') + timerAction(e.action);
    case EventType::Note: // a fault's or an injection's note in the UI's language
        return MessageText::translated(e.message(), e.text);
    }
    return {};
}

QString EventText::who(const Event &e)
{
    if (e.type == EventType::Segment)
        return endpointName(e.src) + QStringLiteral(" → ") + endpointName(e.dst);
    return endpointName(e.ep);
}

QString EventText::describe(const Event &e)
{
    QString s = label(e);
    switch (e.type) {
    case EventType::Segment:
        s += QStringLiteral(" win=") + QString::number(e.win);
        if (!e.options.empty())
            s += QStringLiteral(" <") + fromStd(e.options) + QLatin1Char('>');
        if (e.rtx)
            s += QLatin1Char(' ') + tr("[retransmission]");
        // Held in the live lab's queue from t until tReleased (issue 12).
        if (e.dropped && e.tReleased != tcplab::kNoTime)
            s += QLatin1Char(' ') + tr("DROPPED (held until %1)").arg(time(e.tReleased));
        else if (e.dropped)
            s += QLatin1Char(' ') + tr("DROPPED");
        else if (e.tReleased != tcplab::kNoTime)
            s += QLatin1Char(' ') + tr("(held, released %1)").arg(time(e.tReleased));
        else if (e.tArrive != tcplab::kNoTime && e.tArrive != e.t)
            s += QLatin1Char(' ') + tr("(arrives %1)").arg(time(e.tArrive));
        break;
    case EventType::Call:
        if (e.tEnd != tcplab::kNoTime && e.tEnd != e.t)
            s += QLatin1Char(' ') + tr("(returned %1)").arg(time(e.tEnd));
        break;
    case EventType::State:
        if (!e.cause.empty())
            s += QStringLiteral("  (") + cause(e.cause) + QLatin1Char(')');
        if (e.source != tcplab::StateSource::Simulated)
            s += QStringLiteral(" [") + QString::fromUtf8(tcplab::stateSourceName(e.source))
                 + QLatin1Char(']');
        break;
    case EventType::Timer:
        if (e.action == tcp::TimerAction::Armed && e.deadline != tcplab::kNoTime)
            s += QLatin1Char(' ') + tr("(expires %1)").arg(time(e.deadline));
        break;
    case EventType::Note:
        break;
    }
    return s;
}
