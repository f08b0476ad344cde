#include "stategraphmodel.h"

#include "languagewatch.h"

#include "eventtext.h"
#include "modelroles.h"
#include "playhead.h"
#include "statemeanings.h"
#include "tracemodel.h"

#include "trace/counterfactual.h"

#include <QCoreApplication>
#include <QEvent>

#include <algorithm>

using tcp::State;

std::vector<StateGraphModel::Edge> StateGraphModel::standardEdges(tcp::DiagramVariant variant)
{
    // The diagram is written once, in lib/tcp (statediagram.cpp); its labels are translated in
    // this class's context. A variant's edge is "not TCP" when TCP has no edge with the same
    // ends and event: the views mark those, so a student sees where the protocol departs.
    const auto &tcpEdges = tcp::diagramEdges();
    std::vector<Edge> out;
    for (const tcp::DiagramEdge &e : tcp::diagramEdges(variant)) {
        const bool inTcp = std::any_of(tcpEdges.begin(), tcpEdges.end(), [&e](const auto &t) {
            return t.from == e.from && t.to == e.to && std::string(t.label) == e.label;
        });
        Edge edge{e.from, e.to, e.label, e.rfc, {}};
        edge.notTcp = !inTcp;
        out.push_back(std::move(edge));
    }
    return out;
}

StateGraphModel::StateGraphModel(const TraceModel *trace, const Playhead *playhead, QObject *parent)
    : QAbstractTableModel(parent)
    , m_trace(trace)
    , m_playhead(playhead)
{
    connect(trace, &QAbstractItemModel::modelReset, this, &StateGraphModel::traceReset);
    connect(trace, &QAbstractItemModel::rowsInserted, this, &StateGraphModel::rowsArrived);
    connect(playhead, &Playhead::currentChanged, this, &StateGraphModel::updatePaths);
    watchLanguage(this);
    traceReset();
}

const TraceModel *StateGraphModel::traceModel() const
{
    return m_trace;
}

QString StateGraphModel::edgeLabel(int row) const
{
    const Edge &e = edge(row);
    // An edge of the run's own is labelled with its cause, translated where it can be.
    return e.standard() ? tr(e.label) : EventText::cause(e.cause);
}

int StateGraphModel::findEdge(State from, State to) const
{
    for (std::size_t i = 0; i < m_edges.size(); ++i) {
        if (m_edges[i].from == from && m_edges[i].to == to)
            return static_cast<int>(i);
    }
    return -1;
}

std::vector<StateGraphModel::Edge> StateGraphModel::unknownEdges() const
{
    std::vector<Edge> found;
    for (Side side : {Side::Client, Side::Server}) {
        for (const auto &c : m_trace->history().changes(side)) {
            if (findEdge(c.from, c.to) >= 0)
                continue;
            bool dup = false;
            for (const Edge &e : found)
                dup = dup || (e.from == c.from && e.to == c.to);
            if (dup)
                continue;
            Edge e;
            e.from = c.from;
            e.to = c.to;
            e.cause = m_trace->event(c.row).cause;
            found.push_back(std::move(e));
        }
    }
    return found;
}

void StateGraphModel::traceReset()
{
    beginResetModel();
    m_counterfactual = tcplab::isCounterfactual(m_trace->trace());
    m_variant = tcplab::counterfactualVariant(m_trace->trace());
    m_edges = standardEdges(m_variant);
    const auto extra = unknownEdges();
    m_edges.insert(m_edges.end(), extra.begin(), extra.end());
    endResetModel();
    updatePaths();
}

void StateGraphModel::rowsArrived(const QModelIndex &, int first, int last)
{
    // A streamed trace that turns out to be counterfactual (its note comes first) changes the
    // whole diagram, not just a few rows.
    for (int row = first; row <= last; ++row) {
        if (tcplab::isCounterfactualNote(m_trace->event(row))) {
            traceReset();
            return;
        }
    }
    const auto extra = unknownEdges();
    if (!extra.empty()) {
        beginInsertRows(QModelIndex(), edgeCount(), edgeCount() + int(extra.size()) - 1);
        m_edges.insert(m_edges.end(), extra.begin(), extra.end());
        endInsertRows();
    }
    updatePaths();
}

void StateGraphModel::updatePaths()
{
    const int row = m_playhead ? std::min(m_playhead->current(), m_trace->rowCount() - 1) : -1;
    const EndpointHistory &history = m_trace->history();
    for (Side side : {Side::Client, Side::Server}) {
        auto &path = m_path[static_cast<int>(side)];
        path.clear();
        const int n = history.changesUpTo(side, row);
        for (int i = 0; i < n; ++i) {
            const auto &c = history.changes(side)[std::size_t(i)];
            path.push_back(findEdge(c.from, c.to));
        }
        m_state[static_cast<int>(side)] = history.stateAt(side, row);
    }
    if (edgeCount() > 0)
        Q_EMIT dataChanged(index(0, ClientColumn), index(edgeCount() - 1, ServerColumn));
    Q_EMIT pathsChanged();
}

QVariantList StateGraphModel::steps(Side side, int row) const
{
    QVariantList list;
    const auto &p = path(side);
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == row)
            list.append(int(i) + 1);
    }
    return list;
}

int StateGraphModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : edgeCount();
}

int StateGraphModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StateGraphModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Edge &e = edge(index.row());
    auto stepsText = [this, &index](Side side) {
        QStringList parts;
        const QVariantList list = steps(side, index.row());
        for (const QVariant &v : list)
            parts.append(v.toString());
        return parts.join(QStringLiteral(", "));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FromColumn:
            return StateMeanings::name(e.from);
        case ToColumn:
            return StateMeanings::name(e.to);
        case TransitionColumn:
            return edgeLabel(index.row());
        case ClientColumn:
            return stepsText(Side::Client);
        case ServerColumn:
            return stepsText(Side::Server);
        }
        return {};
    case Qt::ToolTipRole:
        if (e.notTcp)
            return tr("Not TCP: this counterfactual protocol departs from RFC 9293 §%1 here")
                .arg(QLatin1String(e.rfc));
        return e.standard() ? tr("RFC 9293 §%1").arg(QLatin1String(e.rfc))
                            : tr("Not in RFC 9293 Figure 5: taken in this run");
    case ModelRoles::FromStateRole:
        return static_cast<int>(e.from);
    case ModelRoles::ToStateRole:
        return static_cast<int>(e.to);
    case ModelRoles::StandardEdgeRole:
        return e.standard();
    case ModelRoles::ClientTakenRole:
        return int(steps(Side::Client, index.row()).size());
    case ModelRoles::ServerTakenRole:
        return int(steps(Side::Server, index.row()).size());
    case ModelRoles::ClientStepsRole:
        return steps(Side::Client, index.row());
    case ModelRoles::ServerStepsRole:
        return steps(Side::Server, index.row());
    case ModelRoles::RfcSectionRole:
        return e.standard() ? QString::fromLatin1(e.rfc) : QString();
    case ModelRoles::NotTcpEdgeRole:
        return e.notTcp;
    }
    return {};
}

QVariant StateGraphModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case TransitionColumn:
        return tr("Event / action");
    case ClientColumn:
        return tr("Client steps");
    case ServerColumn:
        return tr("Server steps");
    }
    return {};
}

bool StateGraphModel::eventFilter(QObject *watched, QEvent *e)
{
    if (watched == QCoreApplication::instance() && e->type() == QEvent::LanguageChange) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (edgeCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(edgeCount() - 1, ColumnCount - 1));
    }
    return QAbstractTableModel::eventFilter(watched, e);
}
