#pragma once
// Headless export of one plot of a trace, for `tcplab-cli export --view timeline|tseq|backoff`.
// Needs a QApplication (the offscreen platform is enough). The format follows the suffix of
// path (.png, .svg, .pdf); the file is written atomically.

#include <QString>

namespace tcplab {
struct Trace;
}

bool exportPlot(const QString &view /*timeline|tseq|backoff*/, const tcplab::Trace &trace,
                const QString &path, int width, int height, QString *error);
