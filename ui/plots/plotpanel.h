#pragma once
// The three plots in tabs, with the controls they share: reset the view and choose the time
// scale (automatic, linear, log-like). Meant for a dock of the main window.

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class Playhead;
class PlotView;
class TraceModel;

class PlotPanel : public QWidget {
    Q_OBJECT

public:
    explicit PlotPanel(TraceModel *model, Playhead *playhead, QWidget *parent = nullptr);
    ~PlotPanel() override;

    // The visible plot, as the screen shows it, to PNG, SVG or PDF by suffix.
    bool exportCurrent(const QString &path, QString *error);
    PlotView *currentPlot() const;
    QTabWidget *tabs() const { return m_tabs; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyTimeScale(int index);

    QTabWidget *m_tabs = nullptr;
    QLabel *m_scaleLabel = nullptr;
    QComboBox *m_scale = nullptr;
    QPushButton *m_reset = nullptr;
    QList<PlotView *> m_plots;
};
