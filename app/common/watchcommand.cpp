#include "app/common/watchcommand.h"

#include "app/common/commandline.h"

#include "live/hostwatch.h"
#include "scenario/scenario.h"

#include <iostream>

WatchCommand::WatchCommand(CommandLine &cli)
{
    CLI::App *watch =
        cli.addCommand("watch", "observe connections of other programs on the host's loopback",
                       [this] { return run(); });
    watch->footer("Watches the connections of other programs (nc, a server you are writing) on the "
                  "host's\nloopback: kernel states from sock_diag and, with capture permission, "
                  "segments from libpcap.\nRuns until Ctrl+C or for --duration.");
    const std::string portSentence = "watch needs --port N with N from 1 to 65535";
    CLI::Option *port = watch->add_option(
        "--port", m_port, "the port: every socket with it as its local or remote port");
    port->type_name("N")->transform(
        number(1, 65535, [portSentence](const std::string &) { return portSentence; }));
    cli.require(port, portSentence);
    watch
        ->add_option("--format", m_format,
                     "text: a readable line per event (default); jsonl: JSON Lines")
        ->type_name("text|jsonl")
        ->check(oneOf({"text", "jsonl"}, "--format takes text or jsonl"));
    watch
        ->add_option_function<std::string>(
            "--duration",
            [this](const std::string &value) {
                if (!scenario::parseDuration(value, m_durationUs))
                    throw UsageError("--duration takes a duration such as 30s or 2min");
            },
            "stop after this long, e.g. 30s or 2min (default: until Ctrl+C)")
        ->type_name("D");
}

int WatchCommand::run() const
{
    live::WatchOptions options;
    options.jsonl = m_format == "jsonl";
    options.durationUs = m_durationUs;
    std::cout.setf(std::ios::unitbuf); // each event as it happens, also into a pipe
    return live::runWatch(m_port, std::cout, options);
}
