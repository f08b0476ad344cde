#include "ui/window/appsettings.h"

#include <QSettings>

std::unique_ptr<QSettings> AppSettings::open()
{
    const QString file = qEnvironmentVariable("TCPLAB_SETTINGS");
    if (!file.isEmpty())
        return std::make_unique<QSettings>(file, QSettings::IniFormat);
    return std::make_unique<QSettings>(QStringLiteral("TCP Lab"), QStringLiteral("tcplab"));
}
