#pragma once
// The main window: the sequence diagram and the state graph side by side, the event list and
// the state table below, the interactive lab and the scenario editor on the left; all views
// share one TraceModel and one Playhead (DESIGN.md, "Qt models and views").

#include <QMainWindow>

#include <atomic>
#include <memory>
#include <vector>
#include <QPointer>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QScrollArea;
class QSplitter;
class QThread;
class EventListView;
class InteractiveLabPanel;
class LessonPanel;
class LanguageManager;
class PlaybackToolBar;
class PlotPanel;
class RecentFiles;
class Playhead;
class ScenarioEditor;
class SequenceDiagramView;
class StateGraphModel;
class StateGraphView;
class StateTableModel;
class StateTableView;
class TraceModel;
struct ExportChoice;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(LanguageManager *languages, QWidget *parent = nullptr);
    ~MainWindow() override;

    static QString defaultScenario(); // the embedded handshake-and-close
    // The embedded scenarios, resource paths in teaching order; "" marks a group's end.
    static QStringList examples();

    // A scenario is run in the simulator (and shown in the editor); a .jsonl trace is shown.
    // A trace file larger than kBackgroundBytes is read off the GUI thread, with a progress bar
    // and Cancel: openFile() then returns true at once and loadFinished() says how it ended.
    bool openFile(const QString &fileName);
    static constexpr qint64 kBackgroundBytes = 4 << 20;
    bool isLoading() const { return m_loadThread != nullptr; }

    TraceModel *traceModel() const { return m_trace; }
    Playhead *playhead() const { return m_playhead; }
    SequenceDiagramView *sequenceView() const { return m_sequence; }
    StateGraphModel *stateGraphModel() const { return m_graphModel; }
    ScenarioEditor *editor() const { return m_editor; }
    InteractiveLabPanel *lab() const { return m_lab; }
    LessonPanel *lessons() const { return m_lessons; }
    RecentFiles *recentFiles() const { return m_recent; }

    // Writes what File > Export's dialog chose to fileName (its suffix gives the format): the
    // whole run through exportWholeRun(), as tcplab-cli export, or the view as on screen.
    bool exportTo(const ExportChoice &choice, const QString &fileName, QString *error);
    // A whole run's export on a thread of its own, with a progress dialog and Cancel: a long
    // run takes seconds to draw, and the window keeps painting meanwhile (issue 13).
    void exportInBackground(const ExportChoice &choice, const QString &fileName);
    // exportFinished() follows.
    // A view's width on screen: the export dialog's "Width of the window".
    int exportWindowWidth(const QString &view) const;

Q_SIGNALS:
    void loadFinished(bool ok); // a background load ended (false: failed or cancelled)
    void exportFinished(bool ok); // a background export ended (false: failed or cancelled)

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Loading; // a background load's shared state
    struct Example; // an entry of File > Open example and its scenario's headers
    void loadInBackground(const QString &fileName);
    void cancelLoading(); // and waits for the reader to stop
    void createViews();
    void createDocks();
    void createActions();
    void tabifyTables();
    void createMenus();
    void retranslate();
    void restoreLayout(); // the last run's geometry, docks and toolbar (AppSettings)
    void saveLayout() const;
    void updateTitle();
    void openDialog();
    void openLessonDialog();
    void tryScenario(const QString &text, const QString &fileName);
    void saveTrace();
    void exportDiagram(const QString &view); // "sequence"/"graph": the dialog, then the file
    void exportPlot(const QString &format);  // the current plot as on screen: "png", "svg", "pdf"
    void showStatus(const QString &message);
    void about();

    QPointer<LanguageManager> m_languages;
    TraceModel *m_trace;
    Playhead *m_playhead;
    StateTableModel *m_tableModel;
    StateGraphModel *m_graphModel;
    QSplitter *m_splitter = nullptr;
    SequenceDiagramView *m_sequence = nullptr;
    StateGraphView *m_graph = nullptr;
    StateTableView *m_table = nullptr;
    EventListView *m_events = nullptr;
    InteractiveLabPanel *m_lab = nullptr;
    ScenarioEditor *m_editor = nullptr;
    LessonPanel *m_lessons = nullptr;
    QDockWidget *m_lessonsDock = nullptr;
    PlaybackToolBar *m_playback = nullptr;
    QDockWidget *m_eventsDock = nullptr;
    QDockWidget *m_tableDock = nullptr;
    QDockWidget *m_labDock = nullptr;
    QScrollArea *m_labScroll = nullptr;
    QThread *m_loadThread = nullptr;
    QThread *m_exportThread = nullptr;                // the export drawing, while it does
    std::shared_ptr<std::atomic<bool>> m_exportCancel; // and how to stop it
    std::shared_ptr<Loading> m_loading;
    QDockWidget *m_editorDock = nullptr;
    PlotPanel *m_plots = nullptr;
    QDockWidget *m_plotsDock = nullptr;
    QLabel *m_runLabel = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    std::vector<Example> m_examples; // its entries, retitled in each language (retranslate())
    QMenu *m_recentMenu = nullptr;
    RecentFiles *m_recent = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_playbackMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_open = nullptr;
    QAction *m_openLesson = nullptr;
    QAction *m_saveTrace = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_exportSequence = nullptr;
    QAction *m_exportGraph = nullptr;
    QList<QAction *> m_exportPlotActions; // the current plot as png/svg/pdf
    QAction *m_rows = nullptr;
    QAction *m_absolute = nullptr;
    QAction *m_showGraph = nullptr;
    QAction *m_legend = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_zoomReset = nullptr;
    QAction *m_about = nullptr;
    QAction *m_languageHelp = nullptr;
    QAction *m_shortcutsHelp = nullptr;
    QActionGroup *m_languageGroup = nullptr;
};
