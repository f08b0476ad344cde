#pragma once
// Who an event belongs to. A lab connection has two roles, client and server; a scenario may
// one day hold several clients, so an endpoint is a role and a number, named "client",
// "client2", ... "server", "server2". Names appear only at the edges (files, JSON, text).

#include <cstdint>
#include <string>

namespace tcplab {

// Listener: a listening socket shown on its own (host watch sees it next to the connections).
enum class Role : std::uint8_t { Client, Server, Listener };

struct EndpointId {
    Role role = Role::Client;
    std::uint8_t number = 1; // 1 for "client"/"server", 2 for "client2", ...

    static constexpr EndpointId client(std::uint8_t n = 1) { return {Role::Client, n}; }
    static constexpr EndpointId server(std::uint8_t n = 1) { return {Role::Server, n}; }
    static constexpr EndpointId listener(std::uint8_t n = 1) { return {Role::Listener, n}; }
    constexpr bool isClient() const { return role == Role::Client; }
    constexpr bool isServer() const { return role == Role::Server; }

    constexpr bool operator==(const EndpointId &o) const
    {
        return role == o.role && number == o.number;
    }
    constexpr bool operator!=(const EndpointId &o) const { return !(*this == o); }
    constexpr bool operator<(const EndpointId &o) const
    {
        return role != o.role ? role < o.role : number < o.number;
    }
};

std::string endpointName(EndpointId id); // "client", "server", "client2", "listener"
// "client", "server", "listener", "client2" ... "client255"; false for anything else.
bool parseEndpoint(const std::string &name, EndpointId &out);

} // namespace tcplab
