#pragma once
// `tcplab-cli lessons list|show|check`: the guided lessons (docs/lesson-format.md) in the
// terminal, and the check that keeps them true to the simulator and the kernel.

#include <string>
#include <vector>

class CommandLine;

class LessonsCommand {
public:
    explicit LessonsCommand(CommandLine &cli);

    struct Options {
        std::vector<std::string> names; // lesson numbers or files; none: every lesson
        std::string dir;                // where numbered lessons are found
        std::string lang = "en";
        std::string mode = "sim";
        bool answers = false;
    };

private:
    int run();

    std::string m_action;
    Options m_options;
};
