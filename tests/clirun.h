#pragma once
// Runs tcplab-cli (TCPLAB_CLI, its path, defined by the suite's CMake) as a user would, and
// keeps what it printed and how it ended. Shared by the suites that test the command line.

#include <QProcess>
#include <QString>
#include <QStringList>

struct CliResult {
    int code = -1;
    QString out;
    QString err;
};

inline CliResult runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(TCPLAB_CLI), args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
