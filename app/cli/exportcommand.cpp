#include "app/cli/exportcommand.h"

#include "app/common/commandline.h"

#include "ui/common/traceloader.h"
#include "ui/export/diagramexporter.h"
#include "ui/export/exportviews.h"
#include "ui/lab/labdrun.h"
#include "ui/window/languagemanager.h"

#include <QApplication>
#include <QFileInfo>
#include <QTextStream>

#include <memory>
#include <tuple>
#include <vector>

namespace {

int fail(const QString &message)
{
    QTextStream err(stderr);
    err << "tcplab-cli export: " << message << '\n';
    return 2;
}

// Runs the scenario on the real kernel through tcplab-labd and waits for its whole trace.
TraceLoader::Result runLive(const QString &file)
{
    TraceLoader::Result r;
    if (!QFileInfo::exists(file)) {
        r.error = QStringLiteral("%1: no such file").arg(file);
        return r;
    }
    LabdRun::Result live = LabdRun::runToEnd(file);
    r.ok = live.error.isEmpty();
    r.error = live.error;
    if (r.ok && !live.ok)
        r.runMessage = live.message;
    r.trace = std::move(live.trace);
    // The helper streams events only: the title comes from the scenario itself.
    QByteArray text;
    QString ignored;
    scenario::Scenario parsed;
    std::vector<scenario::ParseError> errors;
    if (TraceLoader::readText(file, text, &ignored))
        scenario::parseScenario(text.toStdString(), file.toStdString(), parsed, errors);
    r.trace.title = TraceLoader::titleOf(parsed, file);
    return r;
}

std::string pixelsSentence(const char *option, const std::string &value)
{
    return std::string(option) + " needs a number of pixels (1-20000), not \"" + value + "\"";
}

} // namespace

ExportCommand::ExportCommand(CommandLine &cli)
{
    CLI::App *command = cli.addCommand(kName, kDescription, [this] { return run(); });
    command->footer("The image is exactly what the desktop app paints: the same renderers, no "
                    "window.");
    CLI::Option *file = command->add_option(
        "FILE", m_input,
        "a scenario (*.tcplab), run as --mode says, or a saved trace (*.jsonl),\ndrawn as it is");
    cli.require(file->type_name(""), "which file? FILE.tcplab or FILE.jsonl");

    std::vector<std::string> views;
    std::string viewList;
    for (const QString &view : exportViewNames()) {
        views.push_back(view.toStdString());
        viewList += (viewList.empty() ? "" : ", ") + views.back();
    }
    const std::string viewSentence = "--view must be one of: " + viewList;
    CLI::Option *view = command->add_option(
        "--view", m_view,
        "sequence: the sequence diagram; graph: the state-transition graph;\nplots: timeline "
        "(states over time), tseq (time-sequence graph),\nbackoff (retransmission back-off)");
    cli.require(view->type_name("VIEW")->check(oneOf(views, viewSentence)), viewSentence);

    const std::string outSentence = "--out must name a .png, .svg or .pdf file";
    CLI::Option *out = command->add_option(
        "--out", m_out,
        "the image; the format follows the extension: .png, .svg or .pdf\n(written atomically)");
    out->type_name("OUT")->check(rule([outSentence](const std::string &value) {
        const bool known = !DiagramExporter::formatOf(QString::fromStdString(value)).isEmpty();
        return known ? std::string() : outSentence;
    }));
    cli.require(out, outSentence);

    command->add_option("--mode", m_mode, "how to run a scenario file (default sim)")
        ->type_name("sim|live")
        ->check(oneOf({"sim", "live"}, "--mode must be sim or live"));
    command->add_option("--width", m_width, "the image's width in pixels (default 1600)")
        ->type_name("PX")
        ->transform(
            number(1, 20000, [](const std::string &v) { return pixelsSentence("--width", v); }));
    command
        ->add_option("--height", m_height,
                     "its height: by default a diagram takes the height it needs,\n"
                     "a plot 9/16 of the width; given, a diagram is scaled to fill it,\n"
                     "keeping its proportions (enlarged at most twice)")
        ->type_name("PX")
        ->transform(
            number(1, 20000, [](const std::string &v) { return pixelsSentence("--height", v); }));
    command
        ->add_option("--lang", m_lang,
                     "the picture's words: en (default) or zh_CN, as the app shows them\n"
                     "in that language")
        ->check(oneOf({"en", "zh_CN"}, "--lang takes en or zh_CN"));
    // A run too long for one picture (issue 13): a time range of it, or a PDF of pages.
    for (auto [name, target, what] :
         {std::tuple<const char *, std::string *, const char *>{
              "--from", &m_from, "the sequence diagram from this time of the run on (e.g. 1.5s)"},
          {"--to", &m_to, "and up to this time (e.g. 2s)"}}) {
        const std::string sentence = std::string(name) + " takes a time such as 250ms or 1.5s";
        command->add_option(name, *target, what)
            ->type_name("T")
            ->check(rule([sentence](const std::string &value) {
                std::int64_t us = 0;
                return scenario::parseDuration(value, us) ? std::string() : sentence;
            }));
    }
    command->add_flag("--pages", m_pages,
                      "a PDF of pages of --width x --height (default A4 landscape), each\n"
                      "with the lifelines' heads on top, instead of one tall picture");
}

int ExportCommand::run() const
{
    // The renderers need Qt's application object, though no window is ever shown: offscreen
    // unless the user chose a platform. A test brings its own.
    int qtArgc = 1;
    char qtName[] = "tcplab-cli";
    char *qtArgv[] = {qtName, nullptr};
    std::unique_ptr<QApplication> qt;
    if (!QCoreApplication::instance()) {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        qt = std::make_unique<QApplication>(qtArgc, qtArgv);
    }
    // The app's translation, so a Chinese export is what the app in Chinese writes.
    LanguageManager languages;
    if (!languages.setLanguage(QString::fromStdString(m_lang)))
        return fail(QStringLiteral("the %1 translation could not be loaded")
                        .arg(QString::fromStdString(m_lang)));
    const QString input = QString::fromStdString(m_input);
    const QString view = QString::fromStdString(m_view);
    const QString out = QString::fromStdString(m_out);
    TraceLoader::Result loaded = m_mode == "live" && TraceLoader::isScenario(input)
                                     ? runLive(input)
                                     : TraceLoader::loadFile(input);
    if (!loaded.ok)
        return fail(loaded.error);
    if (!loaded.runMessage.isEmpty()) {
        QTextStream(stderr) << "tcplab-cli export: note: the run did not go as the scenario "
                               "expects: "
                            << loaded.runMessage << '\n';
    }
    ExportRange range;
    range.pages = m_pages;
    if (m_pages && DiagramExporter::formatOf(out) != QLatin1String("pdf"))
        return fail(QStringLiteral("--pages makes a PDF: --out must name a .pdf file"));
    if (!m_from.empty())
        scenario::parseDuration(m_from, range.from);
    if (!m_to.empty())
        scenario::parseDuration(m_to, range.to);
    if (range.from >= 0 && range.to >= 0 && range.to <= range.from)
        return fail(QStringLiteral("--to must come after --from"));
    if ((range.from >= 0 || range.to >= 0 || m_pages) && view != QLatin1String("sequence"))
        return fail(QStringLiteral("--from, --to and --pages are for --view sequence"));
    // The app's File > Export "Whole run" calls the same function: the same bytes. A picture
    // taller than this is refused with the way out (a 100k-event run: 2.5 million pixels).
    constexpr int kMaxHeight = 100'000;
    QString error;
    if (!exportRun(view, std::move(loaded.trace), out, QSize(m_width, m_height), range,
                   kMaxHeight, &error))
        return fail(error);
    return 0;
}
