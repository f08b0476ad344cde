#include "ui/export/exportchoice.h"

#include "ui/window/appsettings.h"

#include <QSettings>

#include <algorithm>
#include <utility>

namespace {

// How each preset is written in the settings file: stable names, not enum values.
const std::pair<ExportChoice::Preset, const char *> kPresetNames[] = {
    {ExportChoice::Preset::Slide1920, "slide-1920x1080"},
    {ExportChoice::Preset::Slide1280, "slide-1280x720"},
    {ExportChoice::Preset::Slide1024, "slide-1024x768"},
    {ExportChoice::Preset::A4Landscape, "a4-landscape"},
    {ExportChoice::Preset::Window, "window"},
    {ExportChoice::Preset::Custom, "custom"},
};

} // namespace

std::vector<ExportChoice::Preset> ExportChoice::presets()
{
    std::vector<Preset> all;
    for (const auto &[preset, name] : kPresetNames)
        all.push_back(preset);
    return all;
}

QSize ExportChoice::presetSize(Preset preset)
{
    switch (preset) {
    case Preset::Slide1920:
        return QSize(1920, 1080);
    case Preset::Slide1280:
        return QSize(1280, 720);
    case Preset::Slide1024:
        return QSize(1024, 768);
    case Preset::A4Landscape:
        return QSize(842, 595); // 297 x 210 mm in points
    case Preset::Window:
    case Preset::Custom:
        break;
    }
    return QSize();
}

QSize ExportChoice::size(int windowWidth) const
{
    if (preset == Preset::Window)
        return QSize(std::clamp(windowWidth, 1, kMaxPixels), 0);
    if (preset == Preset::Custom)
        return QSize(std::clamp(customSize.width(), 1, kMaxPixels),
                     std::clamp(customSize.height(), 0, kMaxPixels));
    return presetSize(preset);
}

ExportChoice ExportChoice::load(const QSettings &settings)
{
    ExportChoice c;
    const QString view = settings.value(AppSettings::exportKey(QStringLiteral("view"))).toString();
    if (view == QLatin1String("sequence") || view == QLatin1String("graph"))
        c.view = view;
    const QString format =
        settings.value(AppSettings::exportKey(QStringLiteral("format"))).toString();
    if (format == QLatin1String("png") || format == QLatin1String("svg") ||
        format == QLatin1String("pdf"))
        c.format = format;
    const QString preset =
        settings.value(AppSettings::exportKey(QStringLiteral("size"))).toString();
    for (const auto &[p, name] : kPresetNames) {
        if (preset == QLatin1String(name))
            c.preset = p;
    }
    const int width =
        settings.value(AppSettings::exportKey(QStringLiteral("width")), c.customSize.width())
            .toInt();
    const int height =
        settings.value(AppSettings::exportKey(QStringLiteral("height")), c.customSize.height())
            .toInt();
    c.customSize = QSize(std::clamp(width, 1, kMaxPixels), std::clamp(height, 0, kMaxPixels));
    if (settings.value(AppSettings::exportKey(QStringLiteral("content"))).toString() ==
        QLatin1String("screen"))
        c.content = Content::AsOnScreen;
    c.pages = settings.value(AppSettings::exportKey(QStringLiteral("pages")), false).toBool();
    return c;
}

void ExportChoice::save(QSettings &settings) const
{
    settings.setValue(AppSettings::exportKey(QStringLiteral("view")), view);
    settings.setValue(AppSettings::exportKey(QStringLiteral("format")), format);
    for (const auto &[p, name] : kPresetNames) {
        if (p == preset)
            settings.setValue(AppSettings::exportKey(QStringLiteral("size")), QLatin1String(name));
    }
    settings.setValue(AppSettings::exportKey(QStringLiteral("width")), customSize.width());
    settings.setValue(AppSettings::exportKey(QStringLiteral("height")), customSize.height());
    settings.setValue(AppSettings::exportKey(QStringLiteral("content")),
                      content == Content::AsOnScreen ? QStringLiteral("screen")
                                                     : QStringLiteral("whole"));
    settings.setValue(AppSettings::exportKey(QStringLiteral("pages")), pages);
}
