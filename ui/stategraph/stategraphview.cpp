#include "ui/stategraph/stategraphview.h"

#include "ui/stategraph/stategraphlayout.h"
#include "ui/stategraph/stategraphrenderer.h"

#include "model/stategraphmodel.h"
#include "model/statemeanings.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

StateGraphView::StateGraphView(StateGraphModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
    connect(model, &StateGraphModel::pathsChanged, this, qOverload<>(&QWidget::update));
    connect(model, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
}

QSize StateGraphView::sizeHint() const
{
    return QSize(560, 490);
}

QSize StateGraphView::minimumSizeHint() const
{
    return QSize(300, 260);
}

void StateGraphView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    StateGraphRenderer(*m_model).paint(p, QRectF(rect()).adjusted(4, 4, -4, -4));
}

void StateGraphView::mousePressEvent(QMouseEvent *event)
{
    // Where paint() put the graph: its area grows with a banner or a route below the figure.
    const QTransform t = StateGraphRenderer(*m_model).fit(QRectF(rect()).adjusted(4, 4, -4, -4));
    const int node =
        StateGraphLayout::nodeAt(t.inverted().map(event->position()), m_model->variant());
    if (node >= 0)
        Q_EMIT stateClicked(StateGraphLayout::nodeState(node));
    QWidget::mousePressEvent(event);
}

bool StateGraphView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const QTransform t =
            StateGraphRenderer(*m_model).fit(QRectF(rect()).adjusted(4, 4, -4, -4));
        const int node =
            StateGraphLayout::nodeAt(t.inverted().map(QPointF(help->pos())), m_model->variant());
        if (node >= 0) {
            const tcp::State s = StateGraphLayout::nodeState(node);
            QToolTip::showText(
                help->globalPos(),
                QStringLiteral("<b>%1</b><br>%2")
                    .arg(StateMeanings::name(s), StateMeanings::meaning(s).toHtmlEscaped()),
                this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    if (e->type() == QEvent::LanguageChange)
        update();
    return QWidget::event(e);
}
