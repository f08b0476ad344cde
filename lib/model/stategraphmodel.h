#pragma once
// The TCP state-transition graph: one row per transition of RFC 9293 (Figure 5 and the text of
// §3.10 where the figure is silent), plus any other transition the run took (a RST, an abort),
// and for each how often, and in which order, the client and the server took it up to the
// playhead. A counterfactual run (not TCP) gets its protocol's diagram instead: the edges of
// tcp::diagramEdges(variant), the ones that are not TCP's marked as such.

#include "endpointhistory.h"

#include "tcp/statediagram.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

class Playhead;
class TraceModel;

class StateGraphModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { FromColumn, ToColumn, TransitionColumn, ClientColumn, ServerColumn, ColumnCount };

    struct Edge {
        tcp::State from = tcp::State::Closed;
        tcp::State to = tcp::State::Closed;
        const char *label = nullptr; // standard edges: English source text, translated on use
        const char *rfc = nullptr;   // standard edges: the RFC 9293 section
        std::string cause;           // edges seen only in the run: the trace's cause
        bool notTcp = false;         // a counterfactual protocol's edge that TCP does not have
        bool standard() const { return label != nullptr; }
    };

    // The transitions of RFC 9293 (or of a counterfactual variant of it), in the order of the
    // figure, top to bottom.
    static std::vector<Edge> standardEdges(tcp::DiagramVariant variant = {});

    StateGraphModel(const TraceModel *trace, const Playhead *playhead, QObject *parent = nullptr);

    int edgeCount() const { return static_cast<int>(m_edges.size()); }
    const Edge &edge(int row) const { return m_edges[std::size_t(row)]; }
    QString edgeLabel(int row) const;                   // "rcv SYN / snd SYN+ACK", translated
    int findEdge(tcp::State from, tcp::State to) const; // -1 when there is none
    // The edges side has taken up to the playhead, in order (rows of this model).
    const std::vector<int> &path(Side side) const { return m_path[static_cast<int>(side)]; }
    tcp::State currentState(Side side) const { return m_state[static_cast<int>(side)]; }
    const TraceModel *traceModel() const;
    // Whose diagram the edges are: TCP's, or the counterfactual protocol the trace says it ran.
    tcp::DiagramVariant variant() const { return m_variant; }
    // The run is not TCP (its trace carries a counterfactual note), whatever the variant.
    bool counterfactual() const { return m_counterfactual; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void pathsChanged(); // the playhead moved or the trace changed

private:
    bool eventFilter(QObject *watched, QEvent *e) override;
    void traceReset();
    void rowsArrived(const QModelIndex &parent, int first, int last);
    // The transitions of the trace that no edge of the model has yet.
    std::vector<Edge> unknownEdges() const;
    void updatePaths();
    QVariantList steps(Side side, int row) const;

    QPointer<const TraceModel> m_trace;
    QPointer<const Playhead> m_playhead;
    std::vector<Edge> m_edges;
    std::array<std::vector<int>, kSideCount> m_path;
    std::array<tcp::State, kSideCount> m_state{};
    tcp::DiagramVariant m_variant;
    bool m_counterfactual = false;
};
