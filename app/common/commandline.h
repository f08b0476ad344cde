#pragma once
// The command lines of tcplab-cli and tcplab-labd: one CLI11 tree per program, each option's
// help declared with the option, `--opt value` and `--opt=value` alike, and one way to end
// (README.md, "The command line"): --help on stdout with exit status 0; a usage mistake as one
// sentence on stderr with exit status 2, the documented code, where CLI11 has its own (105 for a
// bad value, 106 for a missing one, 109 for an unknown word ...).

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

// A usage mistake: one sentence, exit status 2. Commands throw it for what only they can check;
// validators made by rule() throw it so that CLI11 does not prefix the sentence with the option.
class UsageError : public CLI::ParseError {
public:
    explicit UsageError(const std::string &sentence)
        : CLI::ParseError("UsageError", sentence, 2)
    {
    }
};

// A validator whose failure is the sentence problem(value) returns (empty: the value is fine).
CLI::Validator rule(std::function<std::string(const std::string &value)> problem);
// A validator for a value from a fixed list.
CLI::Validator oneOf(std::vector<std::string> values, const std::string &sentence);
// A transform (Option::transform, not check: it rewrites the value) for a whole number from min
// to max, read in decimal (CLI11 alone reads "010" as octal 8); sentence(value) is the failure.
CLI::Validator number(int min, int max,
                      std::function<std::string(const std::string &value)> sentence);

class CommandLine {
public:
    CommandLine(const std::string &program, const std::string &description);

    CLI::App &app() { return m_app; }
    // A command: its options are declared on the returned App; run gives the exit status.
    CLI::App *addCommand(const std::string &name, const std::string &description,
                         std::function<int()> run);
    // Makes option required, and sentence what a user reads when it is missing (instead of
    // CLI11's "FILE is required").
    CLI::Option *require(CLI::Option *option, const std::string &sentence);

    // Parses and runs the command: its exit status, 0 after --help, 2 after a usage mistake.
    int exec(int argc, const char *const *argv);
    int exec(std::vector<std::string> args); // without the program's name

private:
    struct Command {
        CLI::App *app;
        std::function<int()> run;
    };
    struct Required {
        CLI::Option *option;
        std::string sentence;
    };

    int printHelp() const; // the `help` command
    std::string sentenceFor(const CLI::ParseError &error,
                            const std::vector<std::string> &args) const;
    std::string commandList() const; // "run, check, export or watch"
    const CLI::App *chosen() const;  // the command on the line, or nullptr

    std::string m_program;
    CLI::App m_app;
    std::vector<Command> m_commands;
    std::vector<Required> m_required;
    std::string m_helpFor; // help COMMAND
};
