#pragma once
// An interned string: four bytes in an event instead of a std::string. A trace's strings
// come from a small vocabulary (a call's result "0", "100", "EOF", "ECONNRESET"; a segment's
// options "mss=1460"; a state change's cause "rcv SYN / snd SYN+ACK"), repeated over
// millions of events, so each distinct string is stored once for the whole process and an
// event holds its number. Atoms are equal exactly when their strings are.
//
// A note's atom carries its message too (message.h: the sentence the views translate), so a
// note event stays as small as the others. Interned strings live as long as the process: the
// table grows with the number of distinct strings, never with the number of events. Interning
// takes a lock; reading an atom's string does not. Thread-safe.

#include "message.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace tcplab {

class Atom {
public:
    Atom() = default; // the empty string
    Atom(std::string_view text);
    Atom(const std::string &text) : Atom(std::string_view(text)) {}
    Atom(const char *text) : Atom(std::string_view(text)) {}
    // A note's text with the message it is the English of.
    Atom(std::string_view text, const Message &message);

    const std::string &str() const;
    const Message &message() const; // empty for an atom made from a string alone
    operator const std::string &() const { return str(); }
    bool empty() const { return str().empty(); }
    std::size_t size() const { return str().size(); }
    const char *c_str() const { return str().c_str(); }
    std::uint32_t id() const { return m_id; }

    friend bool operator==(Atom a, Atom b) { return a.m_id == b.m_id; }
    friend bool operator!=(Atom a, Atom b) { return a.m_id != b.m_id; }
    friend bool operator<(Atom a, Atom b) { return a.str() < b.str(); }
    friend bool operator==(Atom a, const char *s) { return a.str() == s; }
    friend bool operator==(const char *s, Atom a) { return a.str() == s; }
    friend bool operator==(Atom a, const std::string &s) { return a.str() == s; }
    friend bool operator==(const std::string &s, Atom a) { return a.str() == s; }
    friend bool operator==(Atom a, std::string_view s) { return a.str() == s; }
    friend bool operator==(std::string_view s, Atom a) { return a.str() == s; }
    friend bool operator!=(Atom a, const char *s) { return !(a == s); }
    friend bool operator!=(const char *s, Atom a) { return !(a == s); }
    friend bool operator!=(Atom a, const std::string &s) { return !(a == s); }
    friend bool operator!=(const std::string &s, Atom a) { return !(a == s); }
    friend bool operator!=(Atom a, std::string_view s) { return !(a == s); }
    friend bool operator!=(std::string_view s, Atom a) { return !(a == s); }

    // How many distinct atoms the process holds (the empty one included): for benchmarks.
    static std::size_t count();

private:
    std::uint32_t m_id = 0;
};

inline std::string operator+(const std::string &a, Atom b) { return a + b.str(); }
inline std::string operator+(Atom a, const std::string &b) { return a.str() + b; }
inline std::string operator+(const char *a, Atom b) { return a + b.str(); }
inline std::string operator+(Atom a, const char *b) { return a.str() + b; }

} // namespace tcplab
