#include "inorderreader.h"

#include "jsonfields.h"
#include "tcp/segment.h"

#include <string>

namespace tcplab::json {

namespace {

// a == b for the short names here, without a call to memcmp.
bool same(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

// The names the writer gives the values 0 .. Count-1 of an enum, to find a name's value without
// building a std::string. Only the writer's spellings are here: a name not found goes to the
// library's parse function (kernel spellings of states, flags in another order), which says
// the last word as it does for FieldReader.
template <typename T, int Count> class Names {
public:
    // nameOf gives the writer's spelling, a string that lives as long as the program.
    explicit Names(const char *(*nameOf)(T))
    {
        for (int i = 0; i < Count; ++i)
            m_names[i] = nameOf(static_cast<T>(i));
    }
    bool find(std::string_view name, T &out) const
    {
        for (int i = 0; i < Count; ++i) {
            if (same(m_names[i], name)) {
                out = static_cast<T>(i);
                return true;
            }
        }
        return false;
    }

private:
    std::string_view m_names[Count];
};

template <typename T, int Count, typename Parse>
bool named(std::string_view name, const Names<T, Count> &names, Parse parse, T &out)
{
    return names.find(name, out) || parse(std::string(name), out);
}

} // namespace

bool InOrderReader::string(std::string_view &out)
{
    if (m_p == m_end || *m_p != '"')
        return false;
    const char *const start = m_p + 1;
    const std::string_view rest(start, std::size_t(m_end - start));
    for (std::size_t i = 0; i < rest.size();) {
        while (i < rest.size() && isPlainByte(rest[i]))
            ++i;
        if (i == rest.size())
            break;
        const unsigned char c = static_cast<unsigned char>(rest[i]);
        if (c == '"') {
            out = rest.substr(0, i);
            m_p = start + i + 1;
            return true;
        }
        if (c < 0x80)
            return false; // a control character (refused) or an escape (decoded the other way)
        std::size_t partial;
        const std::size_t len = utf8Sequence(rest, i, partial);
        if (len == 0)
            return false;
        i += len;
    }
    return false;
}

bool InOrderReader::boolean(bool &out)
{
    if (literal("true")) {
        out = true;
        return true;
    }
    if (literal("false")) {
        out = false;
        return true;
    }
    return false;
}

bool InOrderReader::end()
{
    if (m_p == m_end || *m_p != '}')
        return false;
    for (const char *p = m_p + 1; p != m_end; ++p)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return false;
    m_p = m_end;
    return true;
}

bool InOrderReader::eventType(EventType &out)
{
    static const Names<EventType, 5> names(eventTypeName);
    std::string_view name;
    return string(name) && named(name, names, parseEventType, out);
}

bool InOrderReader::endpoint(EndpointId &out)
{
    std::string_view name;
    if (!string(name))
        return false;
    if (same(name, "client")) {
        out = EndpointId::client();
        return true;
    }
    if (same(name, "server")) {
        out = EndpointId::server();
        return true;
    }
    return parseEndpoint(std::string(name), out);
}

bool InOrderReader::state(tcp::State &out)
{
    static const Names<tcp::State, tcp::kStateCount> names(tcp::stateName);
    std::string_view name;
    return string(name)
           && named(name, names,
                    [](const std::string &n, tcp::State &s) { return tcp::parseState(n, s); }, out);
}

bool InOrderReader::call(tcp::Call &out)
{
    static const Names<tcp::Call, tcp::kCallCount> names(tcp::callName);
    std::string_view name;
    return string(name)
           && named(name, names,
                    [](const std::string &n, tcp::Call &c) { return tcp::parseCall(n, c); }, out);
}

bool InOrderReader::timer(tcp::Timer &out)
{
    static const Names<tcp::Timer, tcp::kTimerCount> names(tcp::timerName);
    std::string_view name;
    return string(name)
           && named(name, names,
                    [](const std::string &n, tcp::Timer &t) { return tcp::parseTimer(n, t); }, out);
}

bool InOrderReader::timerAction(tcp::TimerAction &out)
{
    static const Names<tcp::TimerAction, 3> names(tcp::timerActionName);
    std::string_view name;
    return string(name)
           && named(name, names,
                    [](const std::string &n, tcp::TimerAction &a) {
                        return tcp::parseTimerAction(n, a);
                    },
                    out);
}

bool InOrderReader::source(StateSource &out)
{
    static const Names<StateSource, 3> names(stateSourceName);
    std::string_view name;
    return string(name) && named(name, names, parseStateSource, out);
}

// The 32 combinations of the five flags, by their bits: a name is read word by word into bits,
// then must be the writer's spelling of those bits ("SYN+ACK", not "ACK+SYN").
bool InOrderReader::flags(std::uint8_t &out)
{
    static const struct Spellings {
        std::string names[32];
        Spellings()
        {
            for (unsigned f = 0; f < 32; ++f)
                names[f] = tcp::flagsName(std::uint8_t(f));
        }
    } spellings;
    std::string_view name;
    if (!string(name))
        return false;
    unsigned bits = 0;
    for (std::size_t i = 0; i + 3 <= name.size(); i += 4) {
        const std::string_view word = name.substr(i, 3);
        bits |= same(word, "ACK")   ? tcp::ACK
                : same(word, "SYN") ? tcp::SYN
                : same(word, "FIN") ? tcp::FIN
                : same(word, "PSH") ? tcp::PSH
                : same(word, "RST") ? tcp::RST
                                    : 0;
    }
    if (bits < 32 && same(spellings.names[bits], name)) {
        out = std::uint8_t(bits);
        return true;
    }
    return tcp::parseFlags(std::string(name), out);
}

bool InOrderReader::fate(bool &dropped)
{
    std::string_view name;
    if (!string(name))
        return false;
    dropped = same(name, "dropped");
    return dropped || same(name, "delivered");
}

} // namespace tcplab::json
