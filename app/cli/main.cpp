// tcplab-cli: runs scenarios in the simulator or on the real kernel, checks scenario files,
// exports diagrams headless, watches connections on the host's loopback, and lists, shows and
// checks the guided lessons. One CLI11 tree;
// each command declares its options, and their help, in its own file.

#include "app/cli/checkcommand.h"
#include "app/cli/exportcommand.h"
#include "app/cli/lessonscommand.h"
#include "app/cli/runcommand.h"
#include "app/common/commandline.h"
#include "app/common/watchcommand.h"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <unistd.h>

namespace {

// `tcplab-cli export ...` (and `help export`) is tcplab-cli-export's, next to this program:
// the Qt GUI libraries are loaded only by the command that draws.
bool isExport(int argc, char **argv)
{
    const auto word = [&](int i) { return i < argc ? std::string(argv[i]) : std::string(); };
    return word(1) == ExportCommand::kName
           || (word(1) == "help" && word(2) == ExportCommand::kName);
}

int execExport(char **argv)
{
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    std::string dir = n > 0 ? std::string(self, std::size_t(n)) : std::string(argv[0]);
    dir = dir.substr(0, dir.rfind('/') + 1);
    const std::string program = dir + ExportCommand::kProgram;
    ::execv(program.c_str(), argv);
    std::cerr << "tcplab-cli: export needs " << program << ": " << std::strerror(errno) << '\n';
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (isExport(argc, argv))
        return execExport(argv);
    CommandLine cli("tcplab-cli", "TCP Lab's command line: TCP connection set-up and tear-down, "
                                  "simulated and on the real kernel.");
    cli.app().set_version_flag("--version", "tcplab-cli " PROJECT_VERSION,
                               "show the version and exit");
    cli.app().footer("Run 'tcplab-cli COMMAND --help' for a command's options.\n"
                     "Exit status: 0 success, 1 a wait or expect failed, 2 bad file or usage, 3 "
                     "the live lab\ncould not start.");
    RunCommand run(cli);
    CheckCommand check(cli);
    cli.addCommand(ExportCommand::kName, ExportCommand::kDescription, [] { return 2; }); // listed
    WatchCommand watch(cli);
    LessonsCommand lessons(cli);
    return cli.exec(argc, argv);
}
