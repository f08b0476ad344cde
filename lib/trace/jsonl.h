#pragma once
// JSON Lines: one object per event. The writer's field order is fixed so output is
// byte-for-byte reproducible; the reader accepts any order and ignores unknown keys.

#include "trace.h"

#include <iosfwd>
#include <map>
#include <string>

namespace tcplab {

std::string toJson(const Event &e);
void writeJsonl(std::ostream &out, const Trace &trace);

// A flat JSON object: string, integer, boolean and null values (all the trace needs).
struct JsonValue {
    enum Kind { Null, Bool, Int, String } kind = Null;
    bool b = false;
    std::int64_t i = 0;
    std::string s;
};
using JsonObject = std::map<std::string, JsonValue>;

// Parses one line. On failure returns false and sets error to "column N: what".
bool parseJsonObject(const std::string &line, JsonObject &out, std::string &error);
// Object -> Event. Returns false (error set) when "type" is missing or unknown.
bool eventFromJson(const JsonObject &obj, Event &out, std::string &error);
// Reads a whole stream. Blank lines are skipped; on error, error names the line.
bool readJsonl(std::istream &in, Trace &out, std::string &error);

// Escapes a string for JSON (quotes included).
std::string jsonQuote(const std::string &s);

} // namespace tcplab
