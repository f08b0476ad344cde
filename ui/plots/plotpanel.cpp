#include "plotpanel.h"

#include "backoffplot.h"
#include "statetimelineplot.h"
#include "timesequenceplot.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

PlotPanel::PlotPanel(TraceModel *model, Playhead *playhead, QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_scaleLabel(new QLabel(this))
    , m_scale(new QComboBox(this))
    , m_reset(new QPushButton(this)) {
    m_plots << new StateTimelinePlot(model, playhead, m_tabs)
            << new TimeSequencePlot(model, playhead, m_tabs)
            << new BackoffPlot(model, playhead, m_tabs);
    for (PlotView *p : std::as_const(m_plots))
        m_tabs->addTab(p, QString());
    m_scale->addItems({QString(), QString(), QString()});
    m_scaleLabel->setBuddy(m_scale);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_scaleLabel);
    controls->addWidget(m_scale);
    controls->addStretch(1);
    controls->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(m_tabs, 1);

    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (PlotView *p = currentPlot())
            p->resetView();
    });
    connect(m_scale, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &PlotPanel::applyTimeScale);
    // The time scale only means something for the plots with a time axis.
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this](int index) { m_scale->setEnabled(index != 2); });
    retranslate();
}

PlotPanel::~PlotPanel() = default;

PlotView *PlotPanel::currentPlot() const {
    return qobject_cast<PlotView *>(m_tabs->currentWidget());
}

bool PlotPanel::exportCurrent(const QString &path, QString *error) {
    PlotView *p = currentPlot();
    if (!p) {
        if (error)
            *error = tr("There is no plot to export.");
        return false;
    }
    // A hidden dock has no size of its own: fall back to a slide-friendly one.
    const bool sized = p->width() >= 320 && p->height() >= 200;
    return p->exportTo(path, sized ? p->width() : 1200, sized ? p->height() : 700, error);
}

void PlotPanel::applyTimeScale(int index) {
    const PlotView::TimeScale scale = index == 1   ? PlotView::TimeScale::Linear
                                      : index == 2 ? PlotView::TimeScale::LogLike
                                                   : PlotView::TimeScale::Auto;
    for (PlotView *p : std::as_const(m_plots))
        p->setTimeScale(scale);
}

void PlotPanel::retranslate() {
    m_tabs->setTabText(0, tr("State timeline"));
    m_tabs->setTabText(1, tr("Time–sequence"));
    m_tabs->setTabText(2, tr("Back-off"));
    m_tabs->setTabToolTip(0, tr("How long each side spent in each state"));
    m_tabs->setTabToolTip(1, tr("Sequence numbers over time, both directions (Stevens/tcptrace)"));
    m_tabs->setTabToolTip(2, tr("Interval before each retransmission against the ideal doubling"));
    m_scaleLabel->setText(tr("&Time axis:"));
    m_scale->setItemText(0, tr("Automatic"));
    m_scale->setItemText(1, tr("Linear"));
    m_scale->setItemText(2, tr("Log-like (handshake and TIME_WAIT at once)"));
    m_reset->setText(tr("Reset view"));
    m_reset->setToolTip(tr("Show the whole run (R, or double-click the plot)"));
}

void PlotPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
