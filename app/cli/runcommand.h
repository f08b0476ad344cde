#pragma once
// `tcplab-cli run FILE [--mode sim|live|both] [--format text|jsonl] [-o OUT] [--pcap OUT.pcap]`:
// a scenario in the simulator, on the real kernel (through tcplab-labd) or both; prints the
// trace and, for both, where the two differ.

#include <string>

class CommandLine;

class RunCommand {
public:
    explicit RunCommand(CommandLine &cli);

private:
    int run() const;

    std::string m_file;
    std::string m_mode; // empty: the simulator, unless the file says 'mode: live'
    std::string m_format = "text";
    std::string m_output; // empty: standard output
    std::string m_pcap;
};
