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

int main(int argc, char **argv)
{
    CommandLine cli("tcplab-cli", "TCP Lab's command line: TCP connection set-up and tear-down, "
                                  "simulated and on the real kernel.");
    cli.app().set_version_flag("--version", "tcplab-cli " PROJECT_VERSION,
                               "show the version and exit");
    cli.app().footer("Run 'tcplab-cli COMMAND --help' for a command's options.\n"
                     "Exit status: 0 success, 1 a wait or expect failed, 2 bad file or usage, 3 "
                     "the live lab\ncould not start.");
    RunCommand run(cli);
    CheckCommand check(cli);
    ExportCommand exportCommand(cli);
    WatchCommand watch(cli);
    LessonsCommand lessons(cli);
    return cli.exec(argc, argv);
}
