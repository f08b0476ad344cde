#pragma once
// `watch --port N [--duration D] [--format text|jsonl]`: the connections other programs make on
// the host's loopback (lib/live/hostwatch.h). tcplab-cli and tcplab-labd offer the same command.

#include <cstdint>
#include <string>

class CommandLine;

class WatchCommand {
public:
    explicit WatchCommand(CommandLine &cli);

private:
    int run() const;

    int m_port = 0;
    std::string m_format = "text";
    std::int64_t m_durationUs = 0; // 0: until Ctrl+C
};
