#pragma once
// Turns a file into a Trace: a scenario (*.tcplab) is parsed and run in the simulator, a trace
// (*.jsonl) is read as it is. Files may be resources (":/scenarios/...").

#include "scenario/runner.h"
#include "scenario/scenario.h"
#include "trace/jsonl.h"
#include "trace/trace.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

class TraceLoader {
    Q_DECLARE_TR_FUNCTIONS(TraceLoader)

public:
    struct Result {
        bool ok = false; // a trace was produced (it may still carry a failed expect)
        tcplab::Trace trace;
        QString error;      // why there is no trace
        QString runMessage; // a wait/expect that did not hold: "line 12: ...", translated
        QString runFailure; // ... the same without its line
        int failedLine = 0; // ... and its line (0: every wait and expect held)
        std::vector<scenario::ParseError> parseErrors;
        bool cancelled = false; // readTraceFile's progress said stop
    };

    static bool isScenario(const QString &fileName); // by suffix: .tcplab
    static Result loadFile(const QString &fileName);
    // Parses and runs scenario text in the simulator.
    static Result runScenario(const QString &text, const QString &fileName);
    // What a run of s is titled: its title in the UI's language (title.zh_CN: in Chinese, where
    // it gives one), or else fileName's name without its suffix ("" without either).
    static std::string titleOf(const scenario::Scenario &s, const QString &fileName = {});
    // A wait or expect that did not hold, as a note for the end of the trace (the views show it).
    static tcplab::Event failureNote(const tcplab::Trace &trace, const scenario::RunResult &run);
    // The same in the UI's language: "line 12: expected server CLOSE_WAIT, is ESTABLISHED", and
    // without "line 12: " for a mark on that line. A result without why (from an older helper)
    // is shown in its English.
    static QString runMessage(const scenario::RunResult &run);
    static QString runFailure(const scenario::RunResult &run);
    // Reads JSON Lines text.
    static Result readTrace(const QByteArray &jsonl, const QString &fileName);
    // Reads a JSON Lines file as a stream (a file of a million events is not held twice);
    // progress as tcplab::readJsonl's (Result.cancelled when it stopped the read).
    static Result readTraceFile(const QString &fileName, const tcplab::ReadProgress &progress = {});
    static bool readText(const QString &fileName, QByteArray &out, QString *error);
};
