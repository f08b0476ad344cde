#include "segment.h"

namespace tcp {

namespace {
struct FlagName {
    Flag flag;
    const char *name;
};
constexpr FlagName kOrder[] = {{SYN, "SYN"}, {FIN, "FIN"}, {RST, "RST"}, {PSH, "PSH"}, {ACK, "ACK"}};
} // namespace

std::string flagsName(std::uint8_t flags)
{
    std::string out;
    for (const FlagName &f : kOrder) {
        if (flags & f.flag) {
            if (!out.empty())
                out += '+';
            out += f.name;
        }
    }
    return out.empty() ? std::string("none") : out;
}

bool parseFlags(const std::string &name, std::uint8_t &out)
{
    out = 0;
    if (name == "none")
        return true; // what flagsName(0) writes
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t plus = name.find('+', start);
        std::string part = name.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        bool found = false;
        for (const FlagName &f : kOrder) {
            if (part == f.name) {
                out |= f.flag;
                found = true;
            }
        }
        if (!found)
            return false;
        if (plus == std::string::npos)
            break;
        start = plus + 1;
    }
    return out != 0;
}

} // namespace tcp
