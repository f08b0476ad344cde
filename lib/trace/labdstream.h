#pragma once
// The stream tcplab-labd writes on its standard output: one JSON object per line, each either a
// trace event (jsonl.h) or one of seven control lines. The helper writes it with the *Line()
// functions; tcplab-cli and the desktop app read it with parseLabdLine(). One place for the
// protocol on both sides.
//
//   {"type":"ready","netns":"private"}                                 set-up done
//   {"type":"reply","line":N,"ok":B,"result":"EOF","message":"..."}    interactive: a step ran
//   {"type":"returned","line":N,"result":"0"}                          interactive: the call of
//                                                                      line N, run in the
//                                                                      background ("… &"), returned
//   {"t":T,"type":"held","hold":K,"src":...,"flags":...,...}          a segment the lab holds
//                                                                      (a segment event's
//                                                                      fields): number K, in
//                                                                      flight until a verdict
//                                                                      or its delay
//   {"type":"released","hold":K}                                       held segment K went on:
//                                                                      its segment event came
//                                                                      just before
//   {"type":"done","ok":B,"line":N,"message":"..."}                    the run ended
//   {"type":"error","message":"..."}                                   the helper cannot go on
// Events come as they are known: a segment held longer (a delay, the student's verdict) comes
// when released, after events later than its time; readers sort by time (Trace::sortByTime).
// A reply or done line that says why a step failed also carries the why as a message
// ("why":{"template":...,"args":[...]}, message.h) for the app to say it in its language: a
// reply's is its whole message, a done line's the failure without its line (which "line"
// gives). "message" stays the English, for tcplab-cli and older readers.

#include "event.h"

#include <string>

namespace tcplab {

std::string labdReadyLine();
std::string labdReplyLine(int line, bool ok, const std::string &result, const std::string &message,
                          const Message &why = {});
std::string labdReturnedLine(int line, const std::string &result);
std::string labdDoneLine(bool ok, int line, const std::string &message, const Message &why = {});
std::string labdErrorLine(const std::string &message);
std::string labdHeldLine(int hold, const Event &segment);
std::string labdReleasedLine(int hold);

struct LabdMessage {
    enum Kind { Event, Ready, Reply, Returned, Held, Released, Done, Error, Other, Unreadable }
        kind = Unreadable;
    tcplab::Event event;  // Event; Held: the segment as it will be when released
    int hold = 0;         // Held, Released
    bool ok = false;      // Reply, Done
    int line = 0;         // Reply, Returned, Done
    std::string result;   // Reply, Returned
    std::string message;  // Reply, Done, Error; Unreadable: why
    Message why;          // Reply: message; Done: the failure without its line (may be empty)
};

// Other: a well-formed object of a type this reader does not know (ignore it).
LabdMessage parseLabdLine(const std::string &line);

} // namespace tcplab
