#pragma once
// `tcplab-cli check FILE...`: parses scenario files and reports every mistake; nothing runs.

#include <string>
#include <vector>

class CommandLine;

class CheckCommand {
public:
    explicit CheckCommand(CommandLine &cli);

private:
    int run() const;

    std::vector<std::string> m_files;
};
