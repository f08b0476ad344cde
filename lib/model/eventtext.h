#pragma once
// The words the views show for an event: diagram labels ("SYN seq=0", "recv() = 0"), the event
// list's columns, times and durations. One place, so the diagram, the list and the plots agree.

#include "trace/event.h"

#include <QCoreApplication>
#include <QString>

class EventText {
    Q_DECLARE_TR_FUNCTIONS(EventText)

public:
    static QString fromStd(const std::string &s) { return QString::fromStdString(s); }

    // "12.345 ms" (milliseconds with microsecond precision, the text timeline's unit).
    static QString time(qint64 us);
    // The shortest readable duration: "250 µs", "5 ms", "1.5 s", "60 s", "2 min 5 s".
    static QString duration(qint64 us);
    // A time the plots formatted ("1.500 s", "500 ms", "250 µs", "0") with its unit in the UI's
    // language, so the plots say 毫秒/秒 where the tables do. Other text is returned as it is.
    static QString withLocalUnit(const std::string &text);

    static QString endpointName(tcplab::EndpointId ep);
    // A state change's cause ("rcv FIN / snd ACK"), translated where a translation exists.
    static QString cause(const std::string &text);    // "client" / "server", translated
    static QString typeName(tcplab::EventType type);       // "segment", translated
    static QString timerName(tcp::Timer timer);    // "2MSL", "RTO", translated
    // The short name on a diagram's timer bracket: "2MSL", "RTO", "FIN_WAIT_2" (the usual
    // abbreviations in both languages; timerName() is the full one, for tooltips and lists).
    static QString timerShortName(tcp::Timer timer);
    static QString timerAction(tcp::TimerAction action); // "armed", "fired", "cancelled"

    // "SYN seq=0", "SYN+ACK seq=0 ack=1", "PSH+ACK seq=1 ack=1 len=100": numbers relative to
    // each side's ISN, or as on the wire when absolute is true.
    static QString segmentLabel(const tcplab::Event &e, bool absolute = false);
    // "connect()", "send(100) = 100", "recv() = 0" (EOF is what recv() returns: 0).
    static QString callLabel(const tcplab::Event &e);
    // The diagram's label of any event (segment or call label, "LISTEN → SYN_RECEIVED", ...).
    static QString label(const tcplab::Event &e, bool absolute = false);
    // The event list's "what" column: the label plus the details (cause, window, options, fate).
    static QString describe(const tcplab::Event &e);
    // The event list's "who" column: "client", "client → server".
    static QString who(const tcplab::Event &e);
};
