#include "app/common/commandline.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

namespace {

// "run a scenario\n" -> "Run a scenario.\n"
std::string sentence(std::string line)
{
    if (!line.empty() && line[0] >= 'a' && line[0] <= 'z')
        line[0] = char(line[0] - 'a' + 'A');
    const std::size_t end = line.find_last_not_of('\n');
    if (end != std::string::npos && line[end] != '.')
        line.insert(end + 1, ".");
    return line;
}

std::string lowerFirst(std::string s)
{
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z')
        s[0] = char(s[0] - 'A' + 'a');
    return s;
}

// CLI11 prints the description above "Usage:"; the usage line comes first here, as it did in the
// hand-written help, so that a reader (and a script) finds it on the first line.
class UsageFirstFormatter : public CLI::Formatter {
public:
    std::string make_help(const CLI::App *app, std::string name,
                          CLI::AppFormatMode mode) const override
    {
        if (mode == CLI::AppFormatMode::Sub)
            return make_expanded(app);
        std::string out = make_usage(app, name);
        const std::string description = make_description(app);
        if (!description.empty()) // a command's one-line summary, here as a sentence of its own
            out += '\n' + sentence(description);
        out += make_positionals(app) + make_groups(app, mode) + make_subcommands(app, mode);
        const std::string footer = make_footer(app);
        if (!footer.empty())
            out += '\n' + footer;
        return out;
    }
};

} // namespace

CLI::Validator rule(std::function<std::string(const std::string &value)> problem)
{
    return CLI::Validator(
        [problem](std::string &value) {
            const std::string why = problem(value);
            if (!why.empty())
                throw UsageError(why);
            return std::string();
        },
        std::string());
}

CLI::Validator oneOf(std::vector<std::string> values, const std::string &sentence)
{
    return rule([values, sentence](const std::string &value) {
        return std::find(values.begin(), values.end(), value) == values.end() ? sentence
                                                                              : std::string();
    });
}

CLI::Validator number(int min, int max,
                      std::function<std::string(const std::string &value)> sentence)
{
    return CLI::Validator(
        [min, max, sentence](std::string &value) {
            try {
                std::size_t end = 0;
                const long n = std::stol(value, &end, 10);
                if (end == value.size() && n >= min && n <= max) {
                    value = std::to_string(n); // what CLI11 converts next
                    return std::string();
                }
            } catch (const std::logic_error &) { // not a number, or out of long's range
            }
            throw UsageError(sentence(value));
        },
        std::string());
}

CommandLine::CommandLine(const std::string &program, const std::string &description)
    : m_program(program)
    , m_app(description, program)
{
    // Commands made later inherit all of this from their parent.
    auto formatter = std::make_shared<UsageFirstFormatter>();
    formatter->column_width(26);
    formatter->label("Positionals", "Arguments");
    formatter->label("SUBCOMMAND", "COMMAND");
    m_app.formatter(formatter);
    m_app.set_help_flag("-h,--help", "show this help and exit");
    // As the hand-written parsers did: an option given twice keeps its last value.
    m_app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    m_app.require_subcommand(1);
    // `PROGRAM help [COMMAND]`: tcplab-cli always had `help`; it stays out of the command list.
    CLI::App *help = m_app.add_subcommand("help", std::string());
    help->group(std::string());
    help->add_option("COMMAND", m_helpFor);
    m_commands.push_back({help, [this] { return printHelp(); }});
}

int CommandLine::printHelp() const
{
    const CLI::App *about = &m_app;
    std::string name = m_program;
    if (!m_helpFor.empty()) {
        const auto it =
            std::find_if(m_commands.begin(), m_commands.end(), [this](const Command &c) {
                return !c.app->get_group().empty() && c.app->get_name() == m_helpFor;
            });
        if (it == m_commands.end())
            throw UsageError("unknown command '" + m_helpFor + "' (" + commandList() + ")");
        about = it->app;
        name += " " + m_helpFor;
    }
    std::cout << m_app.get_formatter()->make_help(about, name, CLI::AppFormatMode::Normal);
    return 0;
}

CLI::App *CommandLine::addCommand(const std::string &name, const std::string &description,
                                  std::function<int()> run)
{
    CLI::App *command = m_app.add_subcommand(name, description);
    command->group("Commands");
    m_commands.push_back({command, std::move(run)});
    return command;
}

CLI::Option *CommandLine::require(CLI::Option *option, const std::string &sentence)
{
    m_required.push_back({option, sentence});
    return option->required();
}

int CommandLine::exec(int argc, const char *const *argv)
{
    return exec(std::vector<std::string>(argv + 1, argv + argc));
}

int CommandLine::exec(std::vector<std::string> args)
{
    const std::vector<std::string> given = args;
    std::reverse(args.begin(), args.end()); // CLI11 takes the words last first
    try {
        m_app.parse(args);
        for (const Command &command : m_commands) {
            if (command.app->parsed())
                return command.run();
        }
        return 0; // not reached: CLI11 requires one command
    } catch (const CLI::ParseError &error) {
        if (error.get_exit_code() == 0) // --help, --version
            return m_app.exit(error);
        const CLI::App *command = chosen();
        const bool hidden = !command || command->get_group().empty(); // none, or `help`
        std::cerr << m_program << ": " << sentenceFor(error, given) << "; see " << m_program
                  << (hidden ? std::string() : " " + command->get_name()) << " --help\n";
        return 2;
    }
}

const CLI::App *CommandLine::chosen() const
{
    for (const Command &command : m_commands) {
        if (command.app->parsed())
            return command.app;
    }
    return nullptr;
}

std::string CommandLine::commandList() const
{
    std::vector<std::string> names;
    for (const Command &command : m_commands) {
        if (!command.app->get_group().empty())
            names.push_back(command.app->get_name());
    }
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return list;
}

// CLI11's messages name the mistake but read like a log ("--mode: 1 required TEXT missing"):
// each kind becomes a sentence about the words the user typed.
std::string CommandLine::sentenceFor(const CLI::ParseError &error,
                                     const std::vector<std::string> &args) const
{
    const std::string what = error.what();
    if (dynamic_cast<const UsageError *>(&error))
        return what;
    const CLI::App *command = chosen();
    if (!command) {
        // CLI11 reports a missing command before an unknown word: name the word.
        if (args.empty())
            return "which command? " + commandList();
        if (args.front().rfind('-', 0) == 0)
            return "unknown option " + args.front();
        return "unknown command '" + args.front() + "' (" + commandList() + ")";
    }
    if (dynamic_cast<const CLI::RequiredError *>(&error)) {
        const std::vector<const CLI::Option *> options = command->get_options();
        for (const Required &r : m_required) {
            if (r.option->count() == 0 &&
                std::find(options.begin(), options.end(), r.option) != options.end())
                return r.sentence;
        }
    }
    if (dynamic_cast<const CLI::ExtrasError *>(&error)) {
        // "The following arguments were not expected: y x": name the first in the line's order.
        std::vector<std::string> extras;
        std::istringstream list(what.substr(what.find(": ") + 2));
        for (std::string word; list >> word;)
            extras.push_back(word);
        for (const std::string &arg : args) {
            if (std::find(extras.begin(), extras.end(), arg) == extras.end())
                continue;
            return arg.rfind('-', 0) == 0 ? "unknown option " + arg
                                          : "unexpected argument '" + arg + "'";
        }
    }
    if (dynamic_cast<const CLI::ArgumentMismatch *>(&error)) {
        // "--pcap: 1 required TEXT missing"
        const std::size_t colon = what.find(':');
        if (colon != std::string::npos && what.find("missing") != std::string::npos)
            return what.substr(0, colon) + " needs a value";
    }
    return lowerFirst(what);
}
