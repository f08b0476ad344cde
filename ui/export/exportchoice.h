#pragma once
// What File > Export is asked to write: the view, the format, the size and whether it is the
// whole run (what `tcplab-cli export` writes) or the view as on screen, up to the playhead. A
// value the ExportDialog edits and AppSettings remembers; the size arithmetic is here so it is
// tested without a window.

#include <QSize>
#include <QString>

#include <vector>

class QSettings;

struct ExportChoice {
    enum class Preset {
        Slide1920,   // 16:9 slide, 1920 x 1080
        Slide1280,   // 16:9 slide, 1280 x 720
        Slide1024,   // 4:3 slide, 1024 x 768
        A4Landscape, // 842 x 595 (points in a PDF: an A4 page)
        Window,      // the view's width on screen, as tall as the diagram needs
        Custom,      // customSize
    };
    enum class Content {
        WholeRun,   // no playhead, no fading: exportWholeRun(), as tcplab-cli export
        AsOnScreen, // the view's settings, playhead and fading
    };

    static constexpr int kMaxPixels = 20000; // as tcplab-cli export's --width and --height

    QString view = QStringLiteral("sequence"); // "sequence" or "graph"
    QString format = QStringLiteral("png");    // "png", "svg" or "pdf"
    Preset preset = Preset::Slide1920;
    QSize customSize{1600, 0}; // a height of 0: as tall as the diagram needs
    Content content = Content::WholeRun;
    // A PDF of the sequence diagram's whole run cut into pages of the size, each with the
    // lifelines' heads on top (a run too long for one page), instead of one page scaled to fit.
    bool pages = false;
    bool pagesApply() const
    {
        return pages && format == QLatin1String("pdf") && view == QLatin1String("sequence")
            && content == Content::WholeRun;
    }

    static std::vector<Preset> presets(); // in the dialog's order
    // The preset's fixed size; an invalid QSize for Window and Custom.
    static QSize presetSize(Preset preset);
    // The image's size, width by height (0: as tall as the diagram needs); windowWidth is the
    // view's width on screen, for Preset::Window.
    QSize size(int windowWidth) const;

    // The last choice (AppSettings::exportKey); defaults where nothing is saved.
    static ExportChoice load(const QSettings &settings);
    void save(QSettings &settings) const;

    bool operator==(const ExportChoice &o) const
    {
        return view == o.view && format == o.format && preset == o.preset &&
               customSize == o.customSize && content == o.content && pages == o.pages;
    }
};
