#include "tracemodel.h"

#include "languagewatch.h"

#include "tcp/segment.h"

#include "eventtext.h"
#include "modelroles.h"

#include "trace/textformat.h"

#include <QCoreApplication>
#include <QEvent>

#include <algorithm>

using tcplab::Event;
using tcplab::EventType;

TraceModel::TraceModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    watchLanguage(this);
}

void TraceModel::setTrace(tcplab::Trace trace)
{
    beginResetModel();
    m_trace = std::move(trace);
    m_history.rebuild(m_trace);
    const bool hadHeld = !m_held.isEmpty();
    m_held.clear();
    endResetModel();
    Q_EMIT traceChanged();
    if (hadHeld)
        Q_EMIT heldChanged();
}

void TraceModel::setHeld(int hold, const Event &segment)
{
    removeHeld(hold);
    m_held.append({hold, segment});
    Q_EMIT heldChanged();
}

void TraceModel::removeHeld(int hold)
{
    for (int i = 0; i < m_held.size(); ++i) {
        if (m_held[i].hold == hold) {
            m_held.removeAt(i);
            Q_EMIT heldChanged();
            return;
        }
    }
}

void TraceModel::appendEvent(const Event &e)
{
    // Keep time order: a live producer may deliver a captured segment after a later state.
    auto &events = m_trace.events;
    auto it = std::upper_bound(events.begin(), events.end(), e.t,
                               [](std::int64_t t, const Event &x) { return t < x.t; });
    const int row = static_cast<int>(it - events.begin());
    beginInsertRows(QModelIndex(), row, row);
    events.insert(it, e);
    m_history.inserted(m_trace, row);
    endInsertRows();
    Q_EMIT traceChanged();
}

int TraceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_trace.events.size());
}

int TraceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event &e = event(index.row());
    const bool isSegment = e.type == EventType::Segment;
    const bool isState = e.type == EventType::State;
    // A field of another type's is empty here: the types share the fields' storage.
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return EventText::time(e.t);
        case TypeColumn:
            return EventText::typeName(e.type);
        case WhoColumn:
            return EventText::who(e);
        case WhatColumn:
            return EventText::describe(e);
        }
        return {};
    case Qt::ToolTipRole:
        // The trace's text line; a note the program wrote (a fault, a failed expect) in the UI's
        // language, as the diagram shows it: the tooltip is where an elided note is read whole.
        if (e.type == EventType::Note && !e.message().empty())
            return EventText::time(e.t) + QStringLiteral("  ") + EventText::label(e);
        return QString::fromStdString(tcplab::formatEvent(e));
    case ModelRoles::EventTypeRole:
        return static_cast<int>(e.type);
    case ModelRoles::TimeRole:
        return qint64(e.t);
    case ModelRoles::EndpointRole:
        return QString::fromStdString(tcplab::endpointName(isSegment ? e.src : e.ep));
    case ModelRoles::PeerRole:
        return isSegment ? QString::fromStdString(tcplab::endpointName(e.dst)) : QString();
    case ModelRoles::FlagsRole:
        return isSegment ? QString::fromStdString(tcp::flagsName(e.flags)) : QString();
    case ModelRoles::LabelRole:
        return EventText::label(e);
    case ModelRoles::DroppedRole:
        return isSegment && e.dropped;
    case ModelRoles::RetransmissionRole:
        return isSegment && e.rtx;
    case ModelRoles::StateFromRole:
        return isState ? QString::fromUtf8(tcp::stateName(e.from)) : QString();
    case ModelRoles::StateToRole:
        return isState ? QString::fromUtf8(tcp::stateName(e.to)) : QString();
    case ModelRoles::StateSourceRole:
        return isState ? QString::fromUtf8(tcplab::stateSourceName(e.source)) : QString();
    case ModelRoles::ArrivalTimeRole:
        return qint64(!isSegment || e.dropped ? tcplab::kNoTime : e.tArrive);
    }
    return {};
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Type");
    case WhoColumn:
        return tr("Who");
    case WhatColumn:
        return tr("What");
    }
    return {};
}

bool TraceModel::event(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    return QAbstractTableModel::event(e);
}

bool TraceModel::eventFilter(QObject *watched, QEvent *e)
{
    if (watched == QCoreApplication::instance() && e->type() == QEvent::LanguageChange)
        retranslate();
    return QAbstractTableModel::eventFilter(watched, e);
}

void TraceModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::DisplayRole, ModelRoles::LabelRole});
}
