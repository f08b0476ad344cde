#pragma once
// JSON Lines: one object per event. The writer's field order is fixed so output is
// byte-for-byte reproducible; the reader accepts any order and ignores unknown keys.
//
// The reader refuses what an Event cannot hold rather than guess: "type" and "t" are required,
// and so is each event's endpoint ("ep"; a segment's "src" and "dst") and a state event's "from"
// and "to" (one of the eleven states; kernel spellings are read as the RFC's). Other fields may
// be left out and keep Event's defaults. Integers must fit their field (seq, len ... 0..2^32-1);
// times are 0 or more, and t_end, t_arrive, t_released and deadline may be null or -1 for kNoTime.
// A segment the live lab held in its queue has "t_released": when it was delivered or dropped,
// having been held since "t"; files written before issue 12 have none and read as never held.

#include "trace.h"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace tcplab {

std::string toJson(const Event &e);
void writeJsonl(std::ostream &out, const Trace &trace);
// Reads a whole stream. Blank lines are skipped; a stream without events is an error. On error
// returns false with error "line N: FIELD: what is wrong" or "line N: column C: ..." (not JSON).
// progress, if given, is told how many bytes have been read every few thousand lines; when it
// returns false the read stops with error "cancelled" (the app reads large files off the GUI
// thread, with a progress bar and Cancel).
using ReadProgress = std::function<bool(std::uint64_t bytesRead)>;
bool readJsonl(std::istream &in, Trace &out, std::string &error, const ReadProgress &progress = {});

} // namespace tcplab
