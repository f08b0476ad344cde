#include "app/cli/scenariofile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

bool loadScenario(const std::string &path, scenario::Scenario &s)
{
    // A directory opens as an empty stream on Linux: say what it is, not "no steps".
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        std::cerr << "tcplab-cli: " << path << ": is a directory, not a scenario file\n";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "tcplab-cli: " << path << ": cannot open: " << std::strerror(errno) << '\n';
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<scenario::ParseError> errors;
    if (!scenario::parseScenario(text.str(), path, s, errors)) {
        for (const scenario::ParseError &e : errors)
            std::cerr << e.format(path) << '\n';
        return false;
    }
    return true;
}
