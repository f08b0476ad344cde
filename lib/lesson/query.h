#pragma once
// Queries: how a lesson states a correct answer without storing it (docs/lesson-format.md,
// "Queries"). A query is parsed against a table of forms (one row per form, in query.cpp) and
// evaluated on a RunRecord; the answer is text ("SYN_RECEIVED", "60s", "yes") plus the event
// that decided it, which the app highlights after the run. Segments are counted as the trace
// lists them: dropped ones and retransmissions included, a `duplicate`d one twice (one event per
// copy on the wire).

#include "runrecord.h"

#include "tcp/call.h"
#include "tcp/state.h"
#include "trace/endpointid.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lesson {

constexpr std::size_t kNoEvent = static_cast<std::size_t>(-1);

struct QueryResult {
    std::string value;                 // the answer as text
    std::size_t eventIndex = kNoEvent; // the deciding event in the trace, kNoEvent when none
    bool ok = false;
    std::string error; // why it has no answer (ok false)
};


// A parsed query: the table row it matched and the values of its placeholders.
struct Query {
    int form = -1;          // row in the table of forms
    bool onCompare = false; // "compare: ..." reads the step's compare: run
    bool hasEndpoint = false;
    tcplab::EndpointId endpoint;
    tcp::Call call = tcp::Call::Listen; // CALL
    bool hasFlags = false;
    std::uint8_t flags = 0; // FLAGS, as tcp::Flag bits
    tcp::State state = tcp::State::Closed;
    int nth = 0;      // N of "nth N"; 0 when not given
    int line = 0;     // L of "after line L"
    std::string text; // as written
};

// Parses one query; false with a readable error ("expected client or server, found \"clinet\"").
bool parseQuery(const std::string &text, Query &out, std::string &error);
QueryResult evaluate(const Query &query, const RunRecord &run);
// Parses and evaluates; a "compare:" query reads compare (an error when it is null).
QueryResult evaluateQuery(const std::string &text, const RunRecord &run,
                          const RunRecord *compare = nullptr);
// False for the forms that are for texts only (seqabs, ackabs: ISNs differ from run to run and
// between the simulator and the kernel), which a question may not use as its answer.
bool gradable(const Query &query);
// True when the answer's deciding event is a segment (what a click-segment question needs).
bool decidedBySegment(const QueryResult &result, const RunRecord &run);
// The table's forms as the spec writes them ("state ENDPOINT at end", ...), for help texts.
std::vector<std::string> queryForms();

} // namespace lesson
