#pragma once
// `tcplab-cli export FILE.tcplab|FILE.jsonl --view VIEW --out OUT.png|svg|pdf [--mode sim|live]
// [--width PX] [--height PX]`, headless. The caller has created a QApplication (offscreen
// platform); args are the words after "export". Returns the exit status: 0 written, 2 bad usage
// or a file that cannot be read, run or written (the reason on stderr). --mode live runs the
// scenario through tcplab-labd (next to the executable) and draws the kernel's trace.

#include <QStringList>

int runExportCommand(const QStringList &args);
