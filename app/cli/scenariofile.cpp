#include "app/cli/scenariofile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

bool loadScenario(const std::string &path, scenario::Scenario &s)
{
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
