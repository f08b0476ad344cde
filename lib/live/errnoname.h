#pragma once
// errno values as the names students look up in man pages ("ECONNREFUSED"), the form call
// results take in the trace.

#include <string>

namespace live {

std::string errnoName(int err); // "ECONNRESET"; "errno 123" for one not in the table

} // namespace live
