#pragma once
// Runs a netfilter tool of the lab's namespace (nft, iptables-restore) with a script on its
// standard input. The tool dies with the helper (issue 11, item 5).

#include <string>
#include <sys/types.h>
#include <vector>

namespace live {

struct Tool {
    std::string name;               // "nft": the last resort, looked up on PATH
    std::vector<std::string> paths; // tried first, in order (/usr/sbin is not on every PATH)
    std::vector<std::string> args;  // after the program's name: {"-f", "-"}
    std::string package;            // what to install when it is missing: "nftables"
};

// Starts tool with script on stdin; output (if not null) receives a pipe with its messages.
// -1 with error set when it cannot start.
pid_t spawnTool(const Tool &tool, const std::string &script, int *output, std::string &error);
// Runs it to the end; false with its message ("nft: not found (install nftables)" when absent).
bool runTool(const Tool &tool, const std::string &script, std::string &error);

} // namespace live
