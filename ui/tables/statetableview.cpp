#include "ui/tables/statetableview.h"

#include "ui/common/diagramstyle.h"

#include "model/eventtext.h"
#include "model/modelroles.h"
#include "model/statemeanings.h"
#include "model/statetablemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Colours from the model's roles (the model is QtCore only and knows no colours).
class StateTableDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const bool client = index.data(ModelRoles::ClientHereRole).toBool();
        const bool server = index.data(ModelRoles::ServerHereRole).toBool();
        const auto state = static_cast<tcp::State>(index.data(ModelRoles::StateRole).toInt());
        switch (index.column()) {
        case StateTableModel::StateColumn:
            option->backgroundBrush =
                DiagramStyle::stateColor(state).lighter(client || server ? 100 : 125);
            option->font.setBold(true);
            break;
        case StateTableModel::ClientColumn:
        case StateTableModel::ClientTimeColumn:
            if (client) {
                option->backgroundBrush = DiagramStyle::sideColor(Side::Client).lighter(175);
                option->font.setBold(true);
            }
            break;
        case StateTableModel::ServerColumn:
        case StateTableModel::ServerTimeColumn:
            if (server) {
                option->backgroundBrush = DiagramStyle::sideColor(Side::Server).lighter(175);
                option->font.setBold(true);
            }
            break;
        default:
            if (client || server)
                option->font.setBold(true);
            break;
        }
    }
};

} // namespace

StateTableView::StateTableView(StateTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_detail(new QLabel(this))
    , m_note(new QLabel(this))
{
    m_table->setModel(model);
    m_table->setItemDelegate(new StateTableDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    // One line per state, so all eleven fit; the whole meaning is in the detail line below
    // (and in each row's tooltip). The columns can be resized; the meaning takes the rest.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setMouseTracking(true);
    m_table->viewport()->installEventFilter(this);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(StateTableModel::MeaningColumn, QHeaderView::Stretch);
    columns->setStretchLastSection(false);
    connect(m_table, &QAbstractItemView::entered, this, [this](const QModelIndex &index) {
        m_hoverRow = index.row();
        updateDetail();
    });
    connect(m_table, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        m_pinnedRow = index.row() == m_pinnedRow ? -1 : index.row(); // a second click unpins
        updateDetail();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &StateTableView::updateDetail);
    connect(model, &QAbstractItemModel::modelReset, this, &StateTableView::updateDetail);

    // Two lines always, so the table does not jump when a longer meaning is shown.
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::RichText);
    m_detail->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_detail->setMinimumHeight(2 * m_detail->fontMetrics().lineSpacing() + 4);
    m_detail->setContentsMargins(4, 2, 4, 2);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    QFont small = m_note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_note->setFont(small);
    m_note->setContentsMargins(4, 0, 4, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_detail);
    layout->addWidget(m_note);
    retranslate();
}

void StateTableView::retranslate()
{
    m_note->setText(QStringLiteral("* ") + StateMeanings::correctionNote());
    sizeColumns();
    updateDetail();
}

void StateTableView::sizeColumns()
{
    // The header, or the widest value the column can show, in bold (the playhead's rows are
    // bold): stepping from "5 ms" to "59.99 s" must not shift the meaning column.
    QFont bold = m_table->font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const int pad = 16;
    QStringList widest[StateTableModel::ColumnCount];
    for (int s = 0; s < tcp::kStateCount; ++s)
        widest[StateTableModel::StateColumn].append(StateMeanings::name(tcp::State(s)));
    widest[StateTableModel::ClientColumn] = {EventText::endpointName(tcplab::EndpointId::client())};
    widest[StateTableModel::ServerColumn] = {EventText::endpointName(tcplab::EndpointId::server())};
    const QStringList times = {EventText::duration(59'990'000), EventText::duration(999'500),
                               EventText::duration(125'000'000)};
    widest[StateTableModel::ClientTimeColumn] = times;
    widest[StateTableModel::ServerTimeColumn] = times;
    QHeaderView *columns = m_table->horizontalHeader();
    for (int c = 0; c < StateTableModel::ColumnCount; ++c) {
        if (c == StateTableModel::MeaningColumn)
            continue;
        int w = columns->sectionSizeHint(c);
        for (const QString &text : std::as_const(widest[c]))
            w = std::max(w, fm.horizontalAdvance(text) + pad);
        columns->resizeSection(c, w);
    }
}

int StateTableView::detailRow() const
{
    if (m_hoverRow >= 0)
        return m_hoverRow;
    if (m_pinnedRow >= 0)
        return m_pinnedRow;
    return int(m_model->state(Side::Client));
}

QString StateTableView::detailText() const
{
    return detail(false);
}

QString StateTableView::detail(bool html) const
{
    const auto s = static_cast<tcp::State>(detailRow());
    QStringList who;
    if (m_model->state(Side::Client) == s)
        who.append(EventText::endpointName(tcplab::EndpointId::client()));
    if (m_model->state(Side::Server) == s)
        who.append(EventText::endpointName(tcplab::EndpointId::server()));
    // The state's name in bold, in its own colour (as in the table's first column).
    QString name = StateMeanings::name(s);
    if (html)
        name = QStringLiteral("<b style=\"color:%1\">%2</b>")
                   .arg(DiagramStyle::stateTextColor(s).name(), name);
    if (!who.isEmpty())
        name = tr("%1 (%2)").arg(name, who.join(tr(", ")));
    const QString meaning = StateMeanings::meaning(s);
    return tr("%1: %2").arg(name, html ? meaning.toHtmlEscaped() : meaning);
}

void StateTableView::updateDetail()
{
    m_detail->setText(detail(true));
}

bool StateTableView::eventFilter(QObject *watched, QEvent *event)
{
    // Leaving the table: back to the clicked row, or the client's state.
    if (watched == m_table->viewport() && event->type() == QEvent::Leave && m_hoverRow >= 0) {
        m_hoverRow = -1;
        updateDetail();
    }
    return QWidget::eventFilter(watched, event);
}

void StateTableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
