#include "ui/tables/eventlistview.h"

#include "model/playhead.h"
#include "model/tracemodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>

EventListView::EventListView(TraceModel *model, Playhead *playhead, QWidget *parent)
    : QTableView(parent)
    , m_playhead(playhead)
{
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    // Fixed row heights and column widths: a 100,000-event trace stays instant.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    fitColumns();
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventListView::rowSelected);
    connect(playhead, &Playhead::currentChanged, this, &EventListView::playheadMoved);
    connect(model, &QAbstractItemModel::modelReset, this,
            [this] { playheadMoved(m_playhead->current()); });
    playheadMoved(playhead->current());
}

void EventListView::fitColumns()
{
    const QFontMetrics fm = fontMetrics();
    setColumnWidth(TraceModel::TimeColumn,
                   fm.horizontalAdvance(QStringLiteral("00000.000 ms")) + 16);
    setColumnWidth(TraceModel::TypeColumn, fm.horizontalAdvance(QStringLiteral("segment")) + 24);
    setColumnWidth(TraceModel::WhoColumn,
                   fm.horizontalAdvance(QStringLiteral("server → client")) + 16);
}

void EventListView::playheadMoved(int row)
{
    m_following = true;
    if (row < 0) {
        clearSelection();
    } else {
        const QModelIndex index = model()->index(row, 0);
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
        scrollTo(index);
    }
    m_following = false;
}

void EventListView::rowSelected()
{
    if (!m_following && m_playhead && currentIndex().isValid())
        m_playhead->seek(currentIndex().row());
}
