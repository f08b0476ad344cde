// `tcplab-cli watch --port N`: the host's loopback, observed (lib/live/hostwatch.h).

#include "live/hostwatch.h"
#include "scenario/scenario.h"

#include <iostream>
#include <string>
#include <vector>

int runWatchCommand(const std::vector<std::string> &args)
{
    int port = 0;
    live::WatchOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--port" && hasValue) {
            try {
                port = std::stoi(args[++i]);
            } catch (...) {
                port = 0;
            }
        } else if (a == "--duration" && hasValue) {
            if (!scenario::parseDuration(args[++i], options.durationUs)) {
                std::cerr << "tcplab-cli: --duration takes a duration such as 30s or 2min\n";
                return 2;
            }
        } else if (a == "--format" && hasValue) {
            const std::string f = args[++i];
            if (f != "text" && f != "jsonl") {
                std::cerr << "tcplab-cli: --format takes text or jsonl\n";
                return 2;
            }
            options.jsonl = f == "jsonl";
        } else {
            std::cerr << "tcplab-cli: watch: unexpected argument '" << a
                      << "' (see tcplab-cli watch --help)\n";
            return 2;
        }
    }
    if (port <= 0 || port > 65535) {
        std::cerr << "tcplab-cli: watch needs --port N with N from 1 to 65535\n";
        return 2;
    }
    return live::runWatch(port, std::cout, options);
}
