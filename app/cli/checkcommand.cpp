#include "app/cli/checkcommand.h"

#include "app/cli/scenariofile.h"
#include "app/common/commandline.h"

#include <iostream>

CheckCommand::CheckCommand(CommandLine &cli)
{
    CLI::App *check =
        cli.addCommand("check", "parse scenario files and report errors, without running them",
                       [this] { return run(); });
    check->footer("Prints every error as FILE:LINE:COLUMN: message. Nothing runs.\n"
                  "Exit status: 0 all files are valid, 2 otherwise.");
    cli.require(check->add_option("FILE", m_files, "the scenarios (*.tcplab)")->type_name(""),
                "check needs at least one scenario file");
}

int CheckCommand::run() const
{
    bool allOk = true;
    for (const std::string &file : m_files) {
        scenario::Scenario s;
        if (loadScenario(file, s))
            std::cout << file << ": ok (" << s.steps.size() << " steps, mode "
                      << scenario::modeName(s.mode) << ")\n";
        else
            allOk = false; // every file is checked, whatever the ones before said
    }
    return allOk ? 0 : 2;
}
