#pragma once
// Runs `tcplab-cli export ARGS…` in this process, parsed as tcplab-cli parses it: the suites
// that test the export command (tst_export) and compare the app's export with it
// (tst_slideexport) link tcplab_cli_commands instead of starting a process per image.

#include "app/cli/exportcommand.h"
#include "app/common/commandline.h"

#include <QStringList>

#include <string>
#include <vector>

// The exit status tcplab-cli would return.
inline int runExportCommand(const QStringList &args)
{
    CommandLine cli("tcplab-cli", std::string());
    ExportCommand command(cli);
    std::vector<std::string> words{"export"};
    for (const QString &a : args)
        words.push_back(a.toStdString());
    return cli.exec(words);
}
