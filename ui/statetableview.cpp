#include "statetableview.h"

#include "diagramstyle.h"

#include "model/modelroles.h"
#include "model/statemeanings.h"
#include "model/statetablemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

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
    , m_table(new QTableView(this))
    , m_note(new QLabel(this))
{
    m_table->setModel(model);
    m_table->setItemDelegate(new StateTableDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    // One line per state, so all eleven fit; the whole meaning is in each row's tooltip.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StateTableModel::MeaningColumn,
                                                      QHeaderView::Stretch);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    QFont small = m_note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_note->setFont(small);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_note);
    retranslate();
}

void StateTableView::retranslate()
{
    m_note->setText(QStringLiteral("* ") + StateMeanings::correctionNote());
}

void StateTableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
