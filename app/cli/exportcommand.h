#pragma once
// `tcplab-cli export FILE.tcplab|FILE.jsonl --view VIEW --out OUT.png|svg|pdf [--mode sim|live]
// [--width PX] [--height PX] [--lang en|zh_CN] [--from T] [--to T] [--pages]`: one view drawn
// headless by the desktop app's
// own renderers, the words in the app's language. Exit status 0 written, 2 bad usage or a file
// that cannot be read, run or written (the reason on stderr). --mode live runs the scenario
// through tcplab-labd (next to the executable) and draws the kernel's trace.

#include <string>

class CommandLine;

class ExportCommand {
public:
    // tcplab-cli itself links no Qt GUI library (issue 13: `run` and `check` start fast), so
    // `export` runs in a program of its own beside it, tcplab-cli-export, which tcplab-cli
    // becomes (exec) for `tcplab-cli export ...` and `tcplab-cli help export`.
    static constexpr const char *kName = "export";
    static constexpr const char *kDescription =
        "draw a view of a run to PNG, SVG or PDF (headless)";
    static constexpr const char *kProgram = "tcplab-cli-export";

    explicit ExportCommand(CommandLine &cli);

private:
    int run() const; // makes the QApplication it needs unless one exists

    std::string m_input;
    std::string m_view;
    std::string m_out;
    std::string m_mode = "sim";
    int m_width = 1600;
    int m_height = 0; // 0: as the view needs
    std::string m_lang = "en";
    std::string m_from; // a duration since the run's start ("1.5s"), "" for none
    std::string m_to;
    bool m_pages = false;
};
