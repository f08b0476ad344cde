#include "endpointid.h"

namespace tcplab {

namespace {
const char *roleName(Role r)
{
    switch (r) {
    case Role::Client:
        return "client";
    case Role::Server:
        return "server";
    case Role::Listener:
        break;
    }
    return "listener";
}
} // namespace

std::string endpointName(EndpointId id)
{
    std::string name = roleName(id.role);
    if (id.number != 1)
        name += std::to_string(id.number);
    return name;
}

bool parseEndpoint(const std::string &name, EndpointId &out)
{
    for (const Role role : {Role::Client, Role::Server, Role::Listener}) {
        const std::string base = roleName(role);
        if (name.compare(0, base.size(), base) != 0)
            continue;
        const std::string rest = name.substr(base.size());
        if (rest.empty()) {
            out = {role, 1};
            return true;
        }
        // "client2" .. "client255": no leading zero, no "client1" (that is "client").
        if (rest.size() > 3 || rest[0] < '1' || rest[0] > '9')
            return false;
        int n = 0;
        for (const char c : rest) {
            if (c < '0' || c > '9')
                return false;
            n = n * 10 + (c - '0');
        }
        if (n < 2 || n > 255)
            return false;
        out = {role, static_cast<std::uint8_t>(n)};
        return true;
    }
    return false;
}

} // namespace tcplab
