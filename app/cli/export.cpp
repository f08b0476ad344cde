// `tcplab-cli export`: the desktop views' renderers, painting headless (offscreen platform).

#include "app/cli/exportcommand.h"

#include <QApplication>
#include <QStringList>

int runExport(int argc, char **argv)
{
    // No window is ever shown: render offscreen unless the user chose a platform.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return runExportCommand(app.arguments().mid(2));
}
