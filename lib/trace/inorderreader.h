#pragma once
// Internal to lib/trace (jsonl.cpp): one line of JSON Lines read front to back in one pass, for
// a line in the form the writer gives it (issue 13: a million events a second).
//
// Each call takes the next key, which must be the one it names, and its value as the writer
// writes it: no whitespace, an integer as plain digits in the field's range, a string without
// escapes or control characters (UTF-8 checked), a name spelt as the writer spells it. When
// anything differs -- another order, whitespace, an escape, a value out of range, a misspelt
// name -- the call returns false and the line is read again by Object and FieldReader
// (jsonfields.h), which take any order and form JSON allows and say what is wrong. So this
// reader never refuses a line, and never reads one differently: it only recognises the lines
// whose meaning is plain. Calls are chained with && in the writer's order of keys.

#include "event.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

namespace tcplab::json {

class InOrderReader {
public:
    explicit InOrderReader(std::string_view line)
        : m_p(line.data())
        , m_end(line.data() + line.size())
    {
    }

    // Whether the next key is key (nothing is taken): for the keys the writer leaves out.
    template <std::size_t N> bool next(const char (&key)[N]) const { return at(key); }

    template <std::size_t N> bool text(const char (&key)[N], std::string_view &out)
    {
        return take(key) && string(out);
    }
    template <std::size_t N> bool boolean(const char (&key)[N], bool &out)
    {
        return take(key) && boolean(out);
    }
    // 0 up to the largest T. Absent (the next key is another): out is kept, as FieldReader
    // keeps it; lo (FieldReader's least value) is not needed: a sign is read the other way.
    template <typename T, std::size_t N>
    bool integer(const char (&key)[N], T &out, std::int64_t lo = 0)
    {
        (void)lo;
        if (!at(key))
            return true;
        std::uint64_t v;
        if (!take(key) || !digits(std::uint64_t(std::numeric_limits<T>::max()), v))
            return false;
        out = static_cast<T>(v);
        return true;
    }
    // Required.
    template <std::size_t N> bool time(const char (&key)[N], std::int64_t &out)
    {
        return at(key) && integer(key, out);
    }
    // null or absent for kNoTime, or a time.
    template <std::size_t N> bool timeOrNone(const char (&key)[N], std::int64_t &out)
    {
        if (!at(key)) {
            out = kNoTime;
            return true;
        }
        if (!take(key))
            return false;
        if (literal("null")) {
            out = kNoTime;
            return true;
        }
        std::uint64_t v;
        if (!digits(std::uint64_t(std::numeric_limits<std::int64_t>::max()), v))
            return false;
        out = std::int64_t(v);
        return true;
    }
    template <std::size_t N> bool eventType(const char (&key)[N], EventType &out)
    {
        return take(key) && eventType(out);
    }
    template <std::size_t N> bool endpoint(const char (&key)[N], EndpointId &out)
    {
        return take(key) && endpoint(out);
    }
    template <std::size_t N> bool state(const char (&key)[N], tcp::State &out)
    {
        return take(key) && state(out);
    }
    template <std::size_t N> bool call(const char (&key)[N], tcp::Call &out)
    {
        return take(key) && call(out);
    }
    template <std::size_t N> bool flags(const char (&key)[N], std::uint8_t &out)
    {
        return take(key) && flags(out);
    }
    template <std::size_t N> bool timer(const char (&key)[N], tcp::Timer &out)
    {
        return take(key) && timer(out);
    }
    template <std::size_t N> bool timerAction(const char (&key)[N], tcp::TimerAction &out)
    {
        return take(key) && timerAction(out);
    }
    template <std::size_t N> bool source(const char (&key)[N], StateSource &out)
    {
        return take(key) && source(out);
    }
    template <std::size_t N> bool fate(const char (&key)[N], bool &dropped)
    {
        return take(key) && fate(dropped);
    }

    // The closing brace, then nothing but spaces, tabs or CR.
    bool end();

private:
    // {"key": for the first key, ,"key": for the others.
    template <std::size_t N> bool at(const char (&key)[N]) const
    {
        constexpr std::size_t n = N - 1;
        if (std::size_t(m_end - m_p) < n + 4 || m_p[0] != m_separator || m_p[1] != '"'
            || m_p[n + 2] != '"' || m_p[n + 3] != ':')
            return false;
        for (std::size_t i = 0; i < n; ++i) // unrolled: n is known
            if (m_p[2 + i] != key[i])
                return false;
        return true;
    }
    template <std::size_t N> bool take(const char (&key)[N])
    {
        if (!at(key))
            return false;
        m_p += N + 3;
        m_separator = ',';
        return true;
    }
    template <std::size_t N> bool literal(const char (&word)[N])
    {
        if (std::size_t(m_end - m_p) < N - 1 || std::memcmp(m_p, word, N - 1) != 0)
            return false;
        m_p += N - 1;
        return true;
    }
    // Digits without a leading zero, up to max. (A digit after a leading zero is not the
    // writer's: the next key is then not found.)
    bool digits(std::uint64_t max, std::uint64_t &out)
    {
        const char *p = m_p;
        std::uint64_t v = 0;
        for (; p != m_end && unsigned(*p - '0') < 10; ++p) {
            if (p - m_p == 19)
                return false; // 20 digits may not fit 64 bits (19 always do)
            v = v * 10 + unsigned(*p - '0');
        }
        if (p == m_p || v > max || (*m_p == '0' && p - m_p > 1))
            return false;
        m_p = p;
        out = v;
        return true;
    }
    bool string(std::string_view &out);
    bool boolean(bool &out);
    bool eventType(EventType &out);
    bool endpoint(EndpointId &out);
    bool state(tcp::State &out);
    bool call(tcp::Call &out);
    bool flags(std::uint8_t &out);
    bool timer(tcp::Timer &out);
    bool timerAction(tcp::TimerAction &out);
    bool source(StateSource &out);
    bool fate(bool &dropped);

    const char *m_p;
    const char *m_end;
    char m_separator = '{';
};

} // namespace tcplab::json
