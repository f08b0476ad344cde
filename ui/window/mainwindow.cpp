#include "ui/window/mainwindow.h"

#include "ui/plots/plotpanel.h"

#include "ui/window/appsettings.h"
#include "ui/window/helpdialog.h"
#include "ui/export/diagramexporter.h"
#include "ui/export/exportchoice.h"
#include "ui/export/exportdialog.h"
#include "ui/export/exportviews.h"
#include "ui/tables/eventlistview.h"
#include "ui/lab/interactivelabpanel.h"
#include "ui/lessons/lessonpanel.h"
#include "ui/window/languagemanager.h"
#include "ui/window/playbacktoolbar.h"
#include "ui/window/recentfiles.h"
#include "ui/editor/scenarioeditor.h"
#include "ui/sequence/sequencediagrampainter.h"
#include "ui/sequence/sequencediagramview.h"
#include "ui/stategraph/stategraphpainter.h"
#include "ui/stategraph/stategraphview.h"
#include "ui/tables/statetableview.h"
#include "ui/common/traceloader.h"
#include "ui/common/diagramstyle.h"

#include "model/messagetext.h"
#include "model/playhead.h"
#include "scenario/scenario.h"
#include "model/stategraphmodel.h"
#include "model/statetablemodel.h"
#include "model/tracemodel.h"
#include "trace/counterfactual.h"
#include "trace/jsonl.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <climits>
#include <atomic>
#include <QTimer>
#include <QThread>
#include <QProgressDialog>
#include <QLayout>
#include <QScrollArea>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <algorithm>

#include <sstream>

namespace {
// Bumped when the docks change, so an old saved layout is not applied to a different set.
constexpr int kLayoutVersion = 2; // 2: the Lessons dock
} // namespace

MainWindow::MainWindow(LanguageManager *languages, QWidget *parent)
    : QMainWindow(parent)
    , m_languages(languages)
    , m_trace(new TraceModel(this))
    , m_playhead(new Playhead(this))
    , m_tableModel(new StateTableModel(m_trace, m_playhead, this))
    , m_graphModel(new StateGraphModel(m_trace, m_playhead, this))
{
    m_playhead->setModel(m_trace);
    // Slow enough to follow each event; a long idle gap never takes more than 1.5 s.
    m_playhead->setIntervalBounds(250, 1500);
    setObjectName(QStringLiteral("mainWindow"));
    createViews();
    createDocks();
    createActions();
    createMenus();
    m_runLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_runLabel);
    connect(m_trace, &TraceModel::traceChanged, this, &MainWindow::updateTitle);
    connect(m_editor, &ScenarioEditor::statusMessage, this, &MainWindow::showStatus);
    connect(m_lab, &InteractiveLabPanel::statusMessage, this, &MainWindow::showStatus);
    retranslate();
    // 1600 x 1000, or the screen it opens on if that is smaller (a saved layout still wins).
    QSize size(1600, 1000);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size());
    const bool small = size.width() < 1400 || size.height() < 900;
    if (small)
        tabifyTables();
    else // room enough: the whole lab, log included, without scrolling
        m_labScroll->setMinimumWidth(m_lab->minimumSizeHint().width());
    resize(size);
    if (small) {
        // A low screen: the diagram's height goes to the arrows; View > Legend (Ctrl+Shift+L)
        // shows the key.
        if (size.height() < 800)
            m_legend->setChecked(false);
        if (size.width() < 1200)
            m_showGraph->setChecked(false);
        resizeDocks({m_eventsDock}, {size.height() / 4}, Qt::Vertical);
        resizeDocks({m_lessonsDock}, {size.width() * 3 / 10}, Qt::Horizontal);
    } else {
        // Dock sizes are shares of the window: set once it has its default size. The state
        // table gets the wider half (its meanings); the event list's columns need less.
        resizeDocks({m_eventsDock, m_tableDock}, {720, 880}, Qt::Horizontal);
        resizeDocks({m_eventsDock}, {340}, Qt::Vertical);
        resizeDocks({m_lessonsDock}, {440}, Qt::Horizontal);
    }
    restoreLayout();
    // A layout saved on a larger screen that does not fit this one: the small screen's.
    if (width() > size.width() || height() > size.height()) {
        m_labScroll->setMinimumWidth(0);
        tabifyTables();
        resize(size);
    }
    // The lessons, ready where the student left off (lesson 1 the first time).
    const QStringList lessonErrors = m_lessons->loadFolder(LessonPanel::lessonsFolder());
    if (!lessonErrors.isEmpty())
        showStatus(tr("Some lessons could not be read: %1").arg(lessonErrors.first()));
}

struct MainWindow::Example {
    QAction *action;
    QString path;
    scenario::Scenario headers;
};

MainWindow::~MainWindow()
{
    cancelLoading(); // the thread, a child, is deleted with the window
    if (m_exportThread) { // nothing half-written: the file stays as it was
        *m_exportCancel = true;
        m_exportThread->wait();
    }
}

// What the reader thread and the window share: the bytes read so far, the wish to stop, and
// the result once the thread has finished.
struct MainWindow::Loading {
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<bool> cancel{false};
    TraceLoader::Result result;
};

void MainWindow::loadInBackground(const QString &fileName)
{
    const QString name = QFileInfo(fileName).fileName();
    const qint64 size = std::max<qint64>(1, QFileInfo(fileName).size());
    auto loading = std::make_shared<Loading>();
    m_loading = loading;
    auto *progress = new QProgressDialog(tr("Reading %1 (%2 MB)…").arg(name).arg(size >> 20),
                                         tr("Cancel"), 0, 1000, this);
    progress->setWindowTitle(tr("Open"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setValue(0);
    connect(progress, &QProgressDialog::canceled, this, [loading] { loading->cancel = true; });
    auto *ticker = new QTimer(progress);
    connect(ticker, &QTimer::timeout, progress, [progress, loading, size] {
        if (progress->wasCanceled())
            loading->cancel = true;
        progress->setValue(int(std::min<qint64>(999, qint64(loading->bytes) * 1000 / size)));
    });
    ticker->start(100);
    m_loadThread = QThread::create([loading, fileName] {
        loading->result = TraceLoader::readTraceFile(fileName, [loading](std::uint64_t bytes) {
            loading->bytes = bytes;
            return !loading->cancel;
        });
    });
    QThread *thread = m_loadThread;
    thread->setParent(this);
    connect(thread, &QThread::finished, this, [this, thread, loading, progress, fileName, name] {
        thread->deleteLater();
        if (m_loading != loading) { // superseded (another file, or the window closing)
            progress->hide();
            progress->deleteLater();
            return;
        }
        m_loadThread = nullptr;
        m_loading.reset();
        TraceLoader::Result &r = loading->result;
        if (loading->cancel || r.cancelled || progress->wasCanceled()) {
            progress->hide();
            progress->deleteLater();
            showStatus(tr("Opening %1 was cancelled; the views keep the run they showed.").arg(name));
            Q_EMIT loadFinished(false);
            return;
        }
        if (!r.ok) {
            progress->hide();
            progress->deleteLater();
            QMessageBox::warning(this, tr("Open"), r.error);
            Q_EMIT loadFinished(false);
            return;
        }
        progress->setLabelText(tr("Preparing the views for %Ln event(s)…", nullptr,
                                  int(std::min<std::size_t>(r.trace.size(), INT_MAX))));
        progress->setValue(999);
        progress->setCancelButton(nullptr);
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        m_trace->setTrace(std::move(r.trace));
        m_recent->add(fileName);
        progress->deleteLater();
        showStatus(tr("%1: %Ln event(s).", nullptr, m_trace->rowCount()).arg(name));
        Q_EMIT loadFinished(true);
    });
    thread->start();
}

void MainWindow::cancelLoading()
{
    if (!m_loadThread)
        return;
    m_loading->cancel = true;
    m_loadThread->wait(); // the reader stops within a few thousand lines
    // Its finished() handler still runs (and deletes the thread), but it is no longer the load.
    m_loadThread = nullptr;
    m_loading.reset();
}

QString MainWindow::defaultScenario()
{
    return QStringLiteral(":/scenarios/handshake-and-close.tcplab");
}

QStringList MainWindow::examples()
{
    // In teaching order: opening, closing, losses and resets, the finer points, and last the
    // protocols that are not TCP. Scenarios not listed here follow, by name.
    static const char *const kOrder[] = {
        "handshake", "handshake-and-close", "accept-later", "syn-sent", "active-close",
        "passive-close", "request-response-close", "reply-after-fin", "half-close",
        "half-close-wait", "close-wait", "close-wait-late-close", "simultaneous-open",
        "simultaneous-close", "", "lost-syn", "connect-timeout", "handshake-lost-ack",
        "lost-final-ack", "rst-closed-port", "abort", "close-unread-data", "close-unacked-data",
        "kill-process", "kill-unread", "epipe", "send-then-close", "", "delayed-ack-fin",
        "calls-before-accept", "close-before-accept", "old-duplicate-syn", "old-syn-three-way",
        "old-segment-time-wait", "duplicate-and-late-data", "", "two-way-lost-synack",
        "two-way-old-syn", "no-time-wait-lost-ack", "old-segment-no-time-wait"};
    const QDir dir(QStringLiteral(":/scenarios"));
    QStringList rest = dir.entryList({QStringLiteral("*.tcplab")}, QDir::Files, QDir::Name);
    QStringList paths;
    for (const char *name : kOrder) {
        const QString file = QLatin1String(name) + QStringLiteral(".tcplab");
        if (!*name) {
            paths.append(QString()); // a separator in the menu
        } else if (rest.removeOne(file)) {
            paths.append(dir.filePath(file));
        }
    }
    if (!rest.isEmpty())
        paths.append(QString());
    for (const QString &name : std::as_const(rest))
        paths.append(dir.filePath(name));
    return paths;
}

void MainWindow::createViews()
{
    m_sequence = new SequenceDiagramView(m_trace, m_playhead, this);
    m_graph = new StateGraphView(m_graphModel, this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_sequence);
    m_splitter->addWidget(m_graph);
    m_splitter->setStretchFactor(0, 6);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setCollapsible(0, false); // the graph may fold away (View menu)
    m_splitter->setSizes({900, 700});
    setCentralWidget(m_splitter);
    m_table = new StateTableView(m_tableModel, this);
    m_events = new EventListView(m_trace, m_playhead, this);
    m_lab = new InteractiveLabPanel(m_trace, this);
    m_editor = new ScenarioEditor(m_trace, this);
    m_playback = new PlaybackToolBar(m_playhead, m_trace, this);
    addToolBar(Qt::TopToolBarArea, m_playback);
    m_plots = new PlotPanel(m_trace, m_playhead, this);
    m_lessons = new LessonPanel(m_languages, m_playhead, this);
    connect(m_lessons, &LessonPanel::traceReady, this, [this](const tcplab::Trace &trace) {
        m_trace->setTrace(trace);
        showStatus(trace.producer == "live"
                       ? tr("Lesson run on the real kernel: %Ln event(s).", nullptr, m_trace->rowCount())
                       : tr("Lesson run in the simulator: %Ln event(s).", nullptr, m_trace->rowCount()));
    });
    connect(m_lessons, &LessonPanel::tryScenario, this, &MainWindow::tryScenario);
    connect(m_lessons, &LessonPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_graph, &StateGraphView::stateClicked, m_lessons,
            [this](tcp::State s) { m_lessons->stateClicked(QString::fromUtf8(tcp::stateName(s))); });
}

void MainWindow::createDocks()
{
    auto dock = [this](QWidget *widget, const char *name, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(this);
        d->setObjectName(QLatin1String(name));
        d->setWidget(widget);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                       QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        return d;
    };
    // The diagrams get the whole width on top; below, the event list with the lab and the
    // editor as tabs beside it, and the state table.
    m_eventsDock = dock(m_events, "eventsDock", Qt::BottomDockWidgetArea);
    // The lab's two button panels and its log need ~930 px side by side: on a narrower
    // screen they scroll rather than widen the window past the screen.
    m_labScroll = new QScrollArea(this);
    m_labScroll->setWidget(m_lab);
    m_labScroll->setWidgetResizable(true);
    m_labScroll->setFrameShape(QFrame::NoFrame);
    m_labDock = dock(m_labScroll, "labDock", Qt::BottomDockWidgetArea);
    m_editorDock = dock(m_editor, "editorDock", Qt::BottomDockWidgetArea);
    m_tableDock = dock(m_table, "stateTableDock", Qt::BottomDockWidgetArea);
    m_plotsDock = dock(m_plots, "plotsDock", Qt::BottomDockWidgetArea);
    // The lessons on the left, beside the diagrams they drive (the tables below keep the
    // window's whole width: the window must still fit the screen).
    m_lessonsDock = dock(m_lessons, "lessonsDock", Qt::LeftDockWidgetArea);
    splitDockWidget(m_eventsDock, m_tableDock, Qt::Horizontal);
    tabifyDockWidget(m_tableDock, m_plotsDock); // the plots share the state table's place
    m_tableDock->raise();
    tabifyDockWidget(m_eventsDock, m_labDock);
    tabifyDockWidget(m_labDock, m_editorDock);
    m_eventsDock->raise();
}

void MainWindow::tabifyTables()
{
    // A small screen: the tables share one place as tabs, so the window fits and the diagrams
    // get most of the height. Before resize(): a window is never made smaller than its
    // minimum, and side by side the tables alone need ~1500 px.
    tabifyDockWidget(m_eventsDock, m_tableDock);
    tabifyDockWidget(m_tableDock, m_plotsDock);
    m_eventsDock->raise();
    layout()->activate(); // the smaller minimum, now
}

void MainWindow::createActions()
{
    m_open = new QAction(this);
    m_open->setShortcut(QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, &MainWindow::openDialog);
    m_openLesson = new QAction(this);
    m_openLesson->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_openLesson, &QAction::triggered, this, &MainWindow::openLessonDialog);
    m_saveTrace = new QAction(this);
    m_saveTrace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveTrace, &QAction::triggered, this, &MainWindow::saveTrace);
    m_quit = new QAction(this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    // The diagrams: the export dialog (size, format, whole run or as on screen).
    m_exportSequence = new QAction(this);
    m_exportSequence->setObjectName(QStringLiteral("exportSequence"));
    m_exportSequence->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportSequence, &QAction::triggered, this,
            [this] { exportDiagram(QStringLiteral("sequence")); });
    m_exportGraph = new QAction(this);
    m_exportGraph->setObjectName(QStringLiteral("exportGraph"));
    m_exportGraph->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_exportGraph, &QAction::triggered, this,
            [this] { exportDiagram(QStringLiteral("graph")); });
    // The current plot, as it is zoomed on screen.
    for (const char *format : {"png", "svg", "pdf"}) {
        auto *a = new QAction(this);
        const QString f = QLatin1String(format);
        a->setData(f);
        connect(a, &QAction::triggered, this, [this, f] { exportPlot(f); });
        m_exportPlotActions.append(a);
    }
    m_rows = new QAction(this);
    m_rows->setCheckable(true);
    m_rows->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_rows, &QAction::toggled, m_sequence, &SequenceDiagramView::setRowsMode);
    m_absolute = new QAction(this);
    m_absolute->setCheckable(true);
    connect(m_absolute, &QAction::toggled, m_sequence, &SequenceDiagramView::setAbsoluteNumbers);
    m_legend = new QAction(this);
    m_legend->setCheckable(true);
    m_legend->setChecked(true);
    m_legend->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_legend, &QAction::toggled, m_sequence, &SequenceDiagramView::setLegendVisible);
    // The state graph beside the diagram; on a small screen it starts folded away, so the
    // sequence diagram has the width it needs (two lifelines and their labels, ~650 px).
    m_showGraph = new QAction(this);
    m_showGraph->setCheckable(true);
    m_showGraph->setChecked(true);
    m_showGraph->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    connect(m_showGraph, &QAction::toggled, this, [this](bool on) {
        const int w = m_splitter->width();
        if (on && m_splitter->sizes().value(1) == 0)
            m_splitter->setSizes({w * 11 / 20, w * 9 / 20});
        else if (!on)
            m_splitter->setSizes({w, 0});
    });
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        const QSignalBlocker block(m_showGraph);
        m_showGraph->setChecked(m_splitter->sizes().value(1) > 0);
    });
    m_zoomIn = new QAction(this);
    m_zoomIn->setShortcut(QKeySequence::ZoomIn);
    connect(m_zoomIn, &QAction::triggered, m_sequence, &SequenceDiagramView::zoomIn);
    m_zoomOut = new QAction(this);
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOut, &QAction::triggered, m_sequence, &SequenceDiagramView::zoomOut);
    m_zoomReset = new QAction(this);
    m_zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_zoomReset, &QAction::triggered, m_sequence, &SequenceDiagramView::resetZoom);
    m_about = new QAction(this);
    connect(m_about, &QAction::triggered, this, &MainWindow::about);
    m_languageHelp = new QAction(this);
    m_languageHelp->setShortcut(QKeySequence::HelpContents);
    connect(m_languageHelp, &QAction::triggered, this,
            [this] { HelpDialog::showScenarioLanguage(this); });
    m_shortcutsHelp = new QAction(this);
    connect(m_shortcutsHelp, &QAction::triggered, this, [this] { HelpDialog::showShortcuts(this); });

    m_languageGroup = new QActionGroup(this);
    for (const QString &lang : LanguageManager::languages()) {
        auto *a = new QAction(LanguageManager::displayName(lang), m_languageGroup);
        a->setCheckable(true);
        a->setData(lang);
        a->setChecked(m_languages && m_languages->language() == lang);
        connect(a, &QAction::triggered, this, [this, lang] {
            if (m_languages)
                m_languages->setLanguage(lang);
            // Remembered for the next run (a --lang option still wins then).
            AppSettings::open()->setValue(AppSettings::languageKey(), lang);
        });
    }
    if (m_languages) {
        connect(m_languages, &LanguageManager::languageChanged, this, [this](const QString &lang) {
            const QList<QAction *> actions = m_languageGroup->actions();
            for (QAction *a : actions)
                a->setChecked(a->data().toString() == lang);
        });
    }
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_open);
    m_fileMenu->addAction(m_openLesson);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recent = new RecentFiles(m_recentMenu, this);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openFile);
    m_examplesMenu = m_fileMenu->addMenu(QString());
    // Each example by its title, its one sentence as the tooltip (the file name in the status
    // bar while hovering), in the UI's language where the scenario gives them in it
    // (retranslate()).
    m_examplesMenu->setToolTipsVisible(true);
    for (const QString &path : examples()) {
        if (path.isEmpty()) {
            m_examplesMenu->addSeparator();
            continue;
        }
        QFile file(path);
        scenario::Scenario sc;
        std::vector<scenario::ParseError> errors;
        if (file.open(QIODevice::ReadOnly))
            scenario::parseScenario(file.readAll().toStdString(), path.toStdString(), sc, errors);
        sc.steps.clear(); // (its headers are what the menu shows)
        QAction *a = m_examplesMenu->addAction(QString());
        a->setStatusTip(QFileInfo(path).fileName());
        connect(a, &QAction::triggered, this, [this, path] { openFile(path); });
        m_examples.push_back({a, path, std::move(sc)});
    }
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveTrace);
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportMenu->addAction(m_exportSequence);
    m_exportMenu->addAction(m_exportGraph);
    m_exportMenu->addSeparator();
    m_exportMenu->addActions(m_exportPlotActions);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_rows);
    m_viewMenu->addAction(m_absolute);
    m_viewMenu->addAction(m_legend);
    m_viewMenu->addAction(m_showGraph);
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({m_zoomIn, m_zoomOut, m_zoomReset});
    m_viewMenu->addSeparator();
    for (QDockWidget *d :
         {m_lessonsDock, m_labDock, m_editorDock, m_eventsDock, m_tableDock, m_plotsDock})
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());

    m_playbackMenu = menuBar()->addMenu(QString());
    m_playbackMenu->addActions(m_playback->playbackActions());
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_languageHelp);
    m_helpMenu->addAction(m_shortcutsHelp);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_about);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_open->setText(tr("&Open scenario or trace…"));
    m_openLesson->setText(tr("Open &lesson…"));
    m_examplesMenu->setTitle(tr("Open &example"));
    for (const Example &e : m_examples) {
        e.action->setText(QString::fromStdString(TraceLoader::titleOf(e.headers, e.path)));
        e.action->setToolTip(QString::fromStdString(e.headers.whyIn(MessageText::language())));
    }
    m_recent->retranslate();
    m_saveTrace->setText(tr("&Save trace as JSON Lines…"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportSequence->setText(tr("&Sequence diagram…"));
    m_exportGraph->setText(tr("State &graph…"));
    const QStringList plotNames = {tr("Current plot as PNG…"), tr("Current plot as SVG…"),
                                   tr("Current plot as PDF…")};
    for (int i = 0; i < m_exportPlotActions.size(); ++i)
        m_exportPlotActions[i]->setText(plotNames.value(i));
    m_quit->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_rows->setText(tr("One row per instant (instead of real time)"));
    m_absolute->setText(tr("Absolute sequence numbers"));
    m_legend->setText(tr("Legend"));
    m_showGraph->setText(tr("State graph beside the diagram"));
    m_zoomIn->setText(tr("Zoom in"));
    m_zoomOut->setText(tr("Zoom out"));
    m_zoomReset->setText(tr("Reset zoom"));
    m_languageMenu->setTitle(tr("&Language"));
    m_playbackMenu->setTitle(tr("&Playback"));
    m_helpMenu->setTitle(tr("&Help"));
    m_about->setText(tr("&About TCP Lab"));
    m_languageHelp->setText(tr("&Scenario language"));
    m_shortcutsHelp->setText(tr("&Keyboard shortcuts"));
    m_eventsDock->setWindowTitle(tr("Events"));
    m_tableDock->setWindowTitle(tr("State table"));
    m_labDock->setWindowTitle(tr("Interactive lab"));
    m_editorDock->setWindowTitle(tr("Scenario editor"));
    m_plotsDock->setWindowTitle(tr("Plots"));
    m_lessonsDock->setWindowTitle(tr("Lessons"));
    updateTitle();
}

void MainWindow::updateTitle()
{
    const QString title = QString::fromStdString(m_trace->trace().title);
    setWindowTitle(title.isEmpty() ? tr("TCP Lab") : tr("%1 — TCP Lab").arg(title));
    const std::string &producer = m_trace->trace().producer;
    QString run = producer == "live"      ? tr("real kernel")
                  : producer == "capture" ? tr("capture")
                  : producer.empty()      ? QString()
                                          : tr("simulator");
    // A run of a protocol that is not TCP says so here too, in the diagrams' banner colour.
    const bool notTcp = tcplab::isCounterfactual(m_trace->trace());
    if (notTcp)
        run = run.isEmpty() ? tr("not TCP (counterfactual)")
                            : tr("%1 — not TCP (counterfactual)").arg(run);
    m_runLabel->setText(run);
    m_runLabel->setStyleSheet(notTcp ? QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                                           .arg(DiagramStyle::counterfactualColor().name())
                                     : QString());
}

bool MainWindow::openFile(const QString &fileName)
{
    // The views get another run: an unsaved lab session is offered for saving first (it ends).
    if (!m_lab->maybeSave())
        return false;
    if (TraceLoader::isScenario(fileName)) {
        if (!m_editor->maybeSave())
            return false;
        QString error;
        if (!m_editor->openFile(fileName, &error)) {
            QMessageBox::warning(this, tr("Open"), error);
            return false;
        }
        TraceLoader::Result r = TraceLoader::runScenario(m_editor->text(), fileName);
        m_editor->showErrors(r.parseErrors);
        if (!r.ok) {
            m_editorDock->raise();
            QMessageBox::warning(this, tr("Open"),
                                 tr("%1 has errors; nothing ran:\n%2").arg(fileName, r.error));
            return false;
        }
        m_trace->setTrace(std::move(r.trace));
        m_recent->add(fileName);
        showStatus(r.runMessage.isEmpty()
                       ? tr("%1: ran in the simulator, %Ln event(s).", nullptr, m_trace->rowCount())
                             .arg(QFileInfo(fileName).fileName())
                       : tr("%1: %2").arg(QFileInfo(fileName).fileName(), r.runMessage));
        return true;
    }
    cancelLoading();
    if (!fileName.startsWith(QLatin1Char(':')) && QFileInfo(fileName).size() > kBackgroundBytes) {
        loadInBackground(fileName);
        return true;
    }
    TraceLoader::Result r = TraceLoader::loadFile(fileName);
    if (!r.ok) {
        QMessageBox::warning(this, tr("Open"), r.error);
        return false;
    }
    m_trace->setTrace(std::move(r.trace));
    m_recent->add(fileName);
    showStatus(
        tr("%1: %Ln event(s).", nullptr, m_trace->rowCount()).arg(QFileInfo(fileName).fileName()));
    return true;
}

void MainWindow::openDialog()
{
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Open scenario or trace"), QString(),
        tr("Scenarios and traces (*.tcplab *.jsonl);;Scenarios (*.tcplab);;Traces (*.jsonl);;"
           "All files (*)"));
    if (!fileName.isEmpty())
        openFile(fileName);
}

void MainWindow::openLessonDialog()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open lesson"),
                                                      LessonPanel::lessonsFolder(),
                                                      tr("Lessons (*.lesson.yaml *.yaml)"));
    if (file.isEmpty())
        return;
    QStringList errors;
    if (!m_lessons->openLesson(file, &errors)) {
        QMessageBox::warning(this, tr("Open lesson"),
                             tr("%1 cannot be used:\n%2").arg(file, errors.join(QLatin1Char('\n'))));
        return;
    }
    m_lessonsDock->show();
    m_lessonsDock->raise();
    showStatus(tr("%1: lesson %2 opened.").arg(QFileInfo(file).fileName()).arg(m_lessons->lesson()->number));
}

void MainWindow::tryScenario(const QString &text, const QString &fileName)
{
    if (!m_editor->maybeSave())
        return;
    // The shipped file is the lesson's; the student saves their change under a name of their own.
    m_editor->setDocument(text, QString());
    m_editorDock->show();
    m_editorDock->raise();
    showStatus(tr("%1 is in the scenario editor: change one thing, then run it (Ctrl+R) and save it "
                  "as your own.")
                   .arg(QFileInfo(fileName).fileName()));
}

void MainWindow::saveTrace()
{
    QString fileName = QFileDialog::getSaveFileName(
        this, tr("Save trace"), QStringLiteral("trace.jsonl"), tr("Traces (*.jsonl)"));
    if (fileName.isEmpty())
        return;
    if (QFileInfo(fileName).suffix().isEmpty())
        fileName += QStringLiteral(".jsonl");
    std::ostringstream out;
    tcplab::writeJsonl(out, m_trace->trace());
    QSaveFile file(fileName);
    const std::string text = out.str();
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0 ||
        !file.commit()) {
        QMessageBox::warning(this, tr("Save trace"),
                             tr("Cannot write %1: %2").arg(fileName, file.errorString()));
        return;
    }
    showStatus(tr("Saved %1").arg(fileName));
}

int MainWindow::exportWindowWidth(const QString &view) const
{
    return view == QLatin1String("graph") ? std::max(800, m_graph->width())
                                          : m_sequence->viewport()->width();
}

void MainWindow::exportDiagram(const QString &view)
{
    const auto settings = AppSettings::open();
    ExportChoice choice = ExportChoice::load(*settings);
    choice.view = view;
    ExportDialog dialog(choice, exportWindowWidth(QStringLiteral("sequence")),
                        exportWindowWidth(QStringLiteral("graph")), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    choice = dialog.choice();
    choice.save(*settings);
    const QString base =
        view == QLatin1String("graph") ? QStringLiteral("state-graph") : QStringLiteral("sequence");
    const QString folder =
        settings->value(AppSettings::exportKey(QStringLiteral("folder"))).toString();
    QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export"), QDir(folder).filePath(base + QLatin1Char('.') + choice.format),
        tr("%1 files (*.%2)").arg(choice.format.toUpper(), choice.format));
    if (fileName.isEmpty())
        return;
    if (DiagramExporter::formatOf(fileName).isEmpty())
        fileName += QLatin1Char('.') + choice.format;
    settings->setValue(AppSettings::exportKey(QStringLiteral("folder")),
                       QFileInfo(fileName).absolutePath());
    if (choice.content == ExportChoice::Content::WholeRun) {
        exportInBackground(choice, fileName);
        return;
    }
    QString error;
    if (!exportTo(choice, fileName, &error))
        QMessageBox::warning(this, tr("Export"), error);
    else
        showStatus(tr("Exported %1").arg(fileName));
}

void MainWindow::exportInBackground(const ExportChoice &choice, const QString &fileName)
{
    if (m_exportThread) {
        showStatus(tr("An export is still being drawn."));
        return;
    }
    struct Job {
        std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
        bool ok = false;
        QString error;
    };
    auto job = std::make_shared<Job>();
    m_exportCancel = job->cancel;
    const QString name = QFileInfo(fileName).fileName();
    auto *progress = new QProgressDialog(tr("Drawing %1…").arg(name), tr("Cancel"), 0, 0, this);
    progress->setWindowTitle(tr("Export"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300); // a small run is done before it shows
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, this, [job] { *job->cancel = true; });
    // The thread draws its own copy: the window may open another run meanwhile.
    const QSize size = choice.size(exportWindowWidth(choice.view));
    ExportRange range;
    range.pages = choice.pagesApply();
    QThread *thread = QThread::create(
        [job, view = choice.view, trace = m_trace->trace(), fileName, size, range]() mutable {
            job->ok = exportRun(view, std::move(trace), fileName, size, range, 0, &job->error,
                                job->cancel.get());
        });
    thread->setParent(this);
    m_exportThread = thread;
    connect(thread, &QThread::finished, this, [this, thread, job, progress, fileName, name] {
        thread->deleteLater();
        m_exportThread = nullptr;
        progress->hide();
        progress->deleteLater();
        if (*job->cancel)
            showStatus(tr("Export of %1 cancelled; nothing was written.").arg(name));
        else if (!job->ok)
            QMessageBox::warning(this, tr("Export"), job->error);
        else
            showStatus(tr("Exported %1").arg(fileName));
        Q_EMIT exportFinished(job->ok);
    });
    thread->start();
}

bool MainWindow::exportTo(const ExportChoice &choice, const QString &fileName, QString *error)
{
    const QSize size = choice.size(exportWindowWidth(choice.view));
    if (choice.content == ExportChoice::Content::WholeRun) {
        // What tcplab-cli export writes for this trace and size: the same function.
        ExportRange range;
        range.pages = choice.pagesApply();
        return exportRun(choice.view, m_trace->trace(), fileName, size, range, 0, error);
    }
    // As on screen: the view's options, its playhead and the fading after it.
    if (choice.view == QLatin1String("graph"))
        return DiagramExporter::save(StateGraphPainter(*m_graphModel), fileName, size, error);
    return DiagramExporter::save(
        SequenceDiagramPainter(m_trace->trace(), m_sequence->exportSettings()), fileName, size,
        error);
}

void MainWindow::exportPlot(const QString &format)
{
    QString fileName =
        QFileDialog::getSaveFileName(this, tr("Export"), QStringLiteral("plot.") + format,
                                     tr("%1 files (*.%2)").arg(format.toUpper(), format));
    if (fileName.isEmpty())
        return;
    if (DiagramExporter::formatOf(fileName).isEmpty())
        fileName += QLatin1Char('.') + format;
    // The plot on the plots tab, as it is zoomed on screen (QCustomPlot's own export).
    m_plotsDock->raise();
    QString error;
    if (!m_plots->exportCurrent(fileName, &error))
        QMessageBox::warning(this, tr("Export"), error);
    else
        showStatus(tr("Exported %1").arg(fileName));
}

void MainWindow::showStatus(const QString &message)
{
    statusBar()->showMessage(message, 15000);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About TCP Lab"),
                       tr("<h3>TCP Lab</h3><p>A laboratory for TCP connection set-up and "
                          "tear-down: the three-way handshake, the four-way close and every "
                          "state from CLOSED to TIME_WAIT, run in a simulator or on the real "
                          "Linux kernel.</p><p>States and transitions follow RFC 9293.</p>")
                           + tr("<p>Version %1</p>").arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved work is never lost silently.
    if (!m_editor->maybeSave() || !m_lab->maybeSave()) {
        event->ignore();
        return;
    }
    m_playhead->pause();
    saveLayout();
    event->accept();
}

void MainWindow::restoreLayout()
{
    const auto settings = AppSettings::open();
    restoreGeometry(settings->value(AppSettings::geometryKey()).toByteArray());
    restoreState(settings->value(AppSettings::stateKey()).toByteArray(), kLayoutVersion);
}

void MainWindow::saveLayout() const
{
    const auto settings = AppSettings::open();
    settings->setValue(AppSettings::geometryKey(), saveGeometry());
    settings->setValue(AppSettings::stateKey(), saveState(kLayoutVersion));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}
