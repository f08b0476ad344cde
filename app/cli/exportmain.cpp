// tcplab-cli-export: `tcplab-cli export`, in a program of its own so that tcplab-cli links no
// Qt GUI library (app/cli/exportcommand.h). tcplab-cli execs it with its own words, so its
// help, its messages and its exit status are tcplab-cli's.

#include "app/cli/exportcommand.h"
#include "app/common/commandline.h"

int main(int argc, char **argv)
{
    CommandLine cli("tcplab-cli", "TCP Lab's command line: TCP connection set-up and tear-down, "
                                  "simulated and on the real kernel.");
    ExportCommand exportCommand(cli);
    return cli.exec(argc, argv);
}
