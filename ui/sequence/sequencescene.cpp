#include "ui/sequence/sequencescene.h"

#include "ui/common/diagramstyle.h"

#include "model/eventtext.h"
#include "trace/counterfactual.h"

#include <QFontMetricsF>
#include <QTransform>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

using tcplab::Event;
using tcplab::EventType;
using tcplab::kNoTime;

namespace {
constexpr double kLine = 16; // a line of labels
} // namespace

QFont SequenceScene::font(TextKind kind, bool bold)
{
    switch (kind) {
    case TextKind::Title:
    case TextKind::Segment:
        return DiagramStyle::font(13, bold);
    case TextKind::Call:
        return DiagramStyle::font(13, true);
    case TextKind::State:
        return DiagramStyle::font(12, true);
    case TextKind::Note:
        return DiagramStyle::font(12, bold);
    case TextKind::Timer: {
        QFont f = DiagramStyle::font(11);
        f.setItalic(true);
        return f;
    }
    case TextKind::Break:
        return DiagramStyle::font(11);
    }
    return DiagramStyle::font(13);
}

QPolygonF SequenceScene::Text::shape() const
{
    QTransform t;
    t.translate(origin.x(), origin.y());
    t.rotate(angle);
    return t.map(QPolygonF(rect));
}

void SequenceScene::setTrace(const tcplab::Trace *trace)
{
    m_trace = trace;
    collect();
}

void SequenceScene::collect()
{
    m_knots.clear();
    m_brackets.clear();
    m_stack.clear();
    m_crossed.clear();
    for (auto &b : m_bands)
        b.clear();
    m_maxSpan = 0;
    m_end = 0;
    m_counterfactual = m_trace && tcplab::isCounterfactual(*m_trace);
    if (!m_trace)
        return;
    const auto &events = m_trace->events;

    // The typical flight time: the median of the delivered segments'.
    std::vector<qint64> flights;
    for (const Event &e : events) {
        if (e.type == EventType::Segment && !e.dropped && e.tArrive != kNoTime && e.tArrive > e.t)
            flights.push_back(e.tArrive - e.t);
    }
    if (!flights.empty()) {
        std::nth_element(flights.begin(), flights.begin() + long(flights.size() / 2),
                         flights.end());
        m_flight = flights[flights.size() / 2];
    } else {
        m_flight = 5'000;
    }

    std::array<Band, kSideCount> open;
    for (auto &b : open)
        b = Band{0, 0, tcp::State::Closed, tcplab::StateSource::Simulated, -1};
    // Open brackets per (side, timer name).
    std::map<std::pair<int, tcp::Timer>, Bracket> armed;
    // Stacking of labels that share an instant: key (kind, side), value (t, count).
    std::map<std::pair<int, int>, std::pair<qint64, int>> stack;

    m_stack.resize(events.size(), 0);
    m_knots.reserve(events.size() * 2);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        const int row = int(i);
        m_knots.push_back(e.t);
        m_end = std::max<qint64>(m_end, e.t);
        Side side = Side::Client;
        const bool hasSide = sideOf(e.type == EventType::Segment ? e.src : e.ep, side);
        switch (e.type) {
        case EventType::Segment: {
            const qint64 arrive = e.dropped || e.tArrive == kNoTime ? e.t + m_flight : e.tArrive;
            m_knots.push_back(arrive);
            m_end = std::max<qint64>(m_end, arrive);
            m_maxSpan = std::max<qint64>(m_maxSpan, arrive - e.t);
            break;
        }
        case EventType::Call:
            if (e.tEnd != kNoTime && e.tEnd > e.t) {
                m_knots.push_back(e.tEnd);
                m_maxSpan = std::max<qint64>(m_maxSpan, e.tEnd - e.t);
                m_end = std::max<qint64>(m_end, e.tEnd);
            }
            break;
        case EventType::State: {
            const tcp::State to = e.to;
            if (!hasSide)
                break;
            Band &b = open[std::size_t(side)];
            b.t1 = e.t;
            if (b.row >= 0 || b.t1 > b.t0 || b.state != tcp::State::Closed)
                m_bands[std::size_t(side)].push_back(b);
            b = Band{e.t, e.t, to, e.source, row};
            break;
        }
        case EventType::Timer: {
            if (!hasSide)
                break;
            const auto key = std::make_pair(int(side), e.timer);
            if (e.action == tcp::TimerAction::Armed) {
                // Re-armed while running (TIME_WAIT restarts on a retransmitted FIN): the old
                // bracket ends here.
                auto old = armed.find(key);
                if (old != armed.end() && old->second.timer == tcp::Timer::TimeWait) {
                    old->second.t1 = e.t;
                    old->second.restarted = true;
                    m_brackets.push_back(old->second);
                }
                armed[key] = Bracket{side,    e.t,   e.deadline == kNoTime ? e.t : e.deadline,
                                     e.timer, false, row};
            } else {
                auto it = armed.find(key);
                if (it == armed.end())
                    break;
                Bracket b = it->second;
                armed.erase(it);
                b.t1 = e.t;
                b.fired = e.action == tcp::TimerAction::Fired;
                // TIME_WAIT's 2MSL is always worth a bracket; the others (retransmission,
                // FIN_WAIT_2) only when they fired.
                if (b.timer == tcp::Timer::TimeWait
                    || (b.fired && b.timer != tcp::Timer::DelayedAck))
                    m_brackets.push_back(b);
            }
            break;
        }
        case EventType::Note:
            break;
        }
        // Labels beside a lifeline: calls and state names stack when they share an instant.
        if (e.type == EventType::Call || e.type == EventType::State || e.type == EventType::Note) {
            const auto key = std::make_pair(int(e.type), e.type == EventType::Note ? 0 : int(side));
            auto it = stack.find(key);
            if (it != stack.end() && it->second.first == e.t)
                ++it->second.second;
            else
                it = stack.insert_or_assign(key, std::make_pair(e.t, 0)).first;
            m_stack[i] = it->second.second;
        }
    }
    // Still armed at the end (a live trace cut short, or TIME_WAIT in progress): up to the
    // deadline, which is an instant of the diagram too.
    for (auto &entry : armed) {
        Bracket b = entry.second;
        if (b.timer != tcp::Timer::TimeWait)
            continue;
        m_knots.push_back(b.t1);
        m_end = std::max<qint64>(m_end, b.t1);
        m_brackets.push_back(b);
    }
    std::sort(m_brackets.begin(), m_brackets.end(),
              [](const Bracket &a, const Bracket &b) { return a.t0 < b.t0; });
    for (std::size_t s = 0; s < open.size(); ++s) {
        Band b = open[s];
        b.t1 = m_end;
        if (b.row >= 0)
            m_bands[s].push_back(b);
    }
    m_knots.push_back(0);
    findCrossings();
}

void SequenceScene::findCrossings()
{
    const auto &events = m_trace->events;
    m_crossed.assign(events.size(), false);
    auto arrival = [this](const Event &e) {
        return e.dropped || e.tArrive == kNoTime ? e.t + m_flight : e.tArrive;
    };
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event &a = events[i];
        if (a.type != EventType::Segment)
            continue;
        const qint64 end = arrival(a);
        for (std::size_t j = i + 1; j < events.size() && events[j].t < end; ++j) {
            const Event &b = events[j];
            if (b.type == EventType::Segment && b.src != a.src) {
                m_crossed[i] = true;
                m_crossed[j] = true;
            }
        }
    }
}

void SequenceScene::layout(double width, double zoom, bool rows)
{
    // Narrow panes give the call labels less room; state names always fit ("SYN_RECEIVED").
    m_columns.callWidth = std::clamp(width * 0.16, 125.0, 170.0);
    const Columns &columns = m_columns;
    m_width = width;
    const double side =
        columns.margin + columns.callWidth + columns.stateWidth + columns.bandWidth / 2;
    m_clientX = side;
    m_serverX = std::max(side + 120.0, width - side);
    TimeAxis::Params p;
    p.rows = rows;
    p.pxPerUs = 60.0 * zoom / double(std::max<qint64>(1, m_flight));
    p.minStepPx = 18.0 * std::clamp(zoom, 0.5, 2.0);
    p.rowPx = 34.0 * zoom;
    p.breakPx = 48.0;
    p.maxGapPx = std::max(200.0, 4 * 60.0 * zoom);
    m_axis.build(m_knots, p);
    placeTexts();
}

double SequenceScene::height() const
{
    return top() + m_axis.length() + m_columns.bottomPad;
}

double SequenceScene::lifelineX(tcplab::EndpointId ep) const
{
    Side side = Side::Client;
    sideOf(ep, side);
    return lifelineX(side);
}

QLineF SequenceScene::segmentLine(int row) const
{
    const Event &e = event(row);
    const double half = m_columns.bandWidth / 2;
    const double x0 = lifelineX(e.src);
    const double x1 = lifelineX(e.dst);
    const double dir = x1 >= x0 ? 1.0 : -1.0;
    const QPointF from(x0 + dir * half, y(e.t));
    if (e.dropped || e.tArrive == kNoTime) {
        const QPointF full(x1 - dir * half, y(e.t + m_flight));
        return QLineF(from, (from + full) / 2);
    }
    return QLineF(from, QPointF(x1 - dir * half, y(e.tArrive)));
}

std::pair<int, int> SequenceScene::rowsIn(double y0, double y1) const
{
    if (!m_trace || m_trace->events.empty())
        return {0, 0};
    const auto &events = m_trace->events;
    const qint64 t0 = time(y0) - m_maxSpan;
    const qint64 t1 = time(y1);
    auto first = std::lower_bound(events.begin(), events.end(), t0,
                                  [](const Event &e, qint64 t) { return e.t < t; });
    auto last = std::upper_bound(events.begin(), events.end(), t1,
                                 [](qint64 t, const Event &e) { return t < e.t; });
    return {int(first - events.begin()), int(last - events.begin())};
}

double SequenceScene::bracketX(const Bracket &b) const
{
    return lifelineX(b.side) + outward(b.side) * (m_columns.bandWidth / 2 + 6);
}

int SequenceScene::bracketAt(const QPointF &p) const
{
    for (std::size_t i = 0; i < m_brackets.size(); ++i) {
        const Bracket &b = m_brackets[i];
        const double x = bracketX(b);
        const double dir = outward(b.side);
        const double inner = x - dir * 5, outer = x + dir * m_columns.stateWidth;
        if (p.y() >= y(b.t0) && p.y() <= y(b.t1) && p.x() >= std::min(inner, outer) &&
            p.x() <= std::max(inner, outer))
            return int(i);
    }
    return -1;
}

namespace {
double distanceToSegment(const QPointF &p, const QLineF &l)
{
    const QPointF d = l.p2() - l.p1();
    const double len2 = d.x() * d.x() + d.y() * d.y();
    double f = len2 > 0 ? ((p - l.p1()).x() * d.x() + (p - l.p1()).y() * d.y()) / len2 : 0.0;
    f = std::clamp(f, 0.0, 1.0);
    const QPointF q = l.p1() + f * d;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}
} // namespace

int SequenceScene::hitTest(const QPointF &p, double tolerance) const
{
    const auto [first, last] = rowsIn(p.y() - tolerance - 20, p.y() + tolerance + 20);
    int best = -1;
    double bestDistance = tolerance;
    const double lineHeight = 16;
    for (int row = first; row < last; ++row) {
        const Event &e = event(row);
        double d = 1e9;
        if (e.type == EventType::Segment) {
            d = distanceToSegment(p, segmentLine(row));
        } else if (e.type == EventType::Note) {
            const double ny = y(e.t) + stackIndex(row) * lineHeight;
            if (p.x() > m_clientX && p.x() < m_serverX && std::abs(p.y() - ny) < lineHeight / 2)
                d = 0;
        } else if (e.type == EventType::Call || e.type == EventType::State) {
            Side side = Side::Client;
            if (!sideOf(e.ep, side))
                continue;
            const double x = lifelineX(side);
            const double ly = y(e.t) + stackIndex(row) * lineHeight;
            // Labels are beside the lifeline, on its outer side: the state name in the inner
            // column, the call in the outer one. Each only in its own column, or a call and a
            // state change at the same instant would shadow each other.
            const double band = x - outward(side) * m_columns.bandWidth;
            const double stateEdge =
                x + outward(side) * (m_columns.bandWidth / 2 + m_columns.stateWidth);
            const double inner = e.type == EventType::State ? band : stateEdge;
            const double outer = e.type == EventType::State ? stateEdge
                                 : side == Side::Client     ? 0.0
                                                            : m_width;
            const bool inColumn =
                p.x() >= std::min(inner, outer) && p.x() <= std::max(inner, outer);
            if (inColumn && std::abs(p.y() - ly) < lineHeight / 2)
                d = std::abs(p.y() - ly) + 1; // arrows win on a tie
        }
        // Timers are drawn as brackets, not at their instant: never hit here (bracketAt()).
        if (d <= bestDistance) {
            bestDistance = d;
            best = row;
        }
    }
    return best;
}

int SequenceScene::addText(Text text)
{
    m_texts.push_back(std::move(text));
    return int(m_texts.size()) - 1;
}

QLineF SequenceScene::callLeader(int row) const
{
    const Event &e = event(row);
    Side side = Side::Client;
    sideOf(e.ep, side);
    const double dir = outward(side);
    const double x = lifelineX(side);
    const double y = this->y(e.t) + stackIndex(row) * kLine;
    const double edge = x + dir * (m_columns.bandWidth / 2 + m_columns.stateWidth);
    return QLineF(QPointF(edge, y), QPointF(x + dir * m_columns.bandWidth / 2, y));
}

void SequenceScene::placeTexts()
{
    m_texts.clear();
    m_rowText.assign(std::size_t(rowCount()), -1);
    m_bracketText.assign(m_brackets.size(), -1);
    m_breakText.assign(m_axis.breaks().size(), -1);
    m_titleText = -1;
    m_textReach = 2 * kLine;
    if (!m_trace)
        return;
    const Columns &cols = m_columns;

    // The title, between the heads.
    if (!m_trace->title.empty()) {
        const QFontMetricsF fm(font(TextKind::Title));
        const double banner = headerHeight() - cols.headerHeight;
        const double l = lifelineX(Side::Client) + 70, r = lifelineX(Side::Server) - 70;
        const QRectF box(l, banner + 4, std::max(0.0, r - l), cols.headerHeight - 8);
        Text t;
        t.kind = TextKind::Title;
        t.text = fm.elidedText(QString::fromStdString(m_trace->title), Qt::ElideRight,
                               box.width() * 2);
        t.flags = Qt::AlignCenter | Qt::TextWordWrap;
        t.rect = fm.boundingRect(box, t.flags, t.text);
        m_titleText = addText(std::move(t));
    }

    // The breaks' "... 60 s later ...", centred in their strip.
    const QFontMetricsF breakFm(font(TextKind::Break));
    for (std::size_t i = 0; i < m_axis.breaks().size(); ++i) {
        const TimeAxis::Break &b = m_axis.breaks()[i];
        Text t;
        t.kind = TextKind::Break;
        t.index = int(i);
        t.text = tr("… %1 later (gap compressed) …").arg(EventText::duration(b.t1 - b.t0));
        const double w = breakFm.horizontalAdvance(t.text) + 4;
        const double mid = top() + (b.y0 + b.y1) / 2;
        t.rect = QRectF(m_width / 2 - w / 2, mid - 9, w, 18);
        m_breakText[i] = addText(std::move(t));
    }

    // Timer brackets: the label beside the bracket's middle, outward.
    const QFontMetricsF timerFm(font(TextKind::Timer));
    for (std::size_t i = 0; i < m_brackets.size(); ++i) {
        const Bracket &b = m_brackets[i];
        const double y0 = y(b.t0), y1 = y(b.t1);
        if (y1 - y0 <= 24)
            continue;
        Text t;
        t.kind = TextKind::Timer;
        t.index = int(i);
        // A restarted timer's bracket is shorter than the timer: say so, or "2MSL 200 ms"
        // would read as if TIME_WAIT lasted 200 ms. The short name keeps the label narrow in
        // every language (the full one is in the tooltip).
        const QString name = EventText::timerShortName(b.timer);
        t.text = b.restarted ? tr("%1 (restarted)").arg(name)
                             : name + QLatin1Char(' ') + EventText::duration(b.t1 - b.t0);
        const double dir = outward(b.side);
        const double x = bracketX(b);
        const double w = timerFm.horizontalAdvance(t.text) + 4;
        const double mid = (y0 + y1) / 2;
        t.rect = dir < 0 ? QRectF(x - 4 - w, mid - 8, w, 16) : QRectF(x + 4, mid - 8, w, 16);
        t.flags = (dir < 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
        m_bracketText[i] = addText(std::move(t));
    }

    const QFontMetricsF callFm(font(TextKind::Call));
    const QFontMetricsF stateFm(font(TextKind::State));
    const QFontMetricsF segmentFm(font(TextKind::Segment, true)); // the current one is bold
    const double half = cols.bandWidth / 2;
    for (int row = 0; row < rowCount(); ++row) {
        const Event &e = event(row);
        Text t;
        t.index = row;
        Side side = Side::Client;
        switch (e.type) {
        case EventType::Segment: {
            t.kind = TextKind::Segment;
            t.text = EventText::segmentLabel(e, m_absolute);
            if (e.rtx)
                t.text += QLatin1Char(' ') + tr("(retransmission)");
            if (e.dropped)
                t.text += QLatin1Char(' ') + tr("(dropped)");
            const QLineF line = segmentLine(row);
            t.origin = line.pointAt(labelPosition(row));
            double angle = qRadiansToDegrees(std::atan2(line.dy(), line.dx()));
            if (angle > 90)
                angle -= 180;
            else if (angle < -90)
                angle += 180;
            t.angle = angle;
            // Two segments crossing in flight: the one going left is labelled below its line.
            const bool below = labelPosition(row) < 0.5 && line.dx() < 0;
            const double w = segmentFm.horizontalAdvance(t.text) + 4;
            t.rect = below ? QRectF(-w / 2, 2, w, kLine) : QRectF(-w / 2, -kLine - 2, w, kLine);
            break;
        }
        case EventType::Call: {
            if (!sideOf(e.ep, side))
                continue;
            t.kind = TextKind::Call;
            const double dir = outward(side);
            const double x = lifelineX(side);
            const double ly = y(e.t) + stackIndex(row) * kLine;
            const double edge = x + dir * (half + cols.stateWidth);
            const QRectF column =
                dir < 0 ? QRectF(cols.margin, ly - kLine / 2, edge - 6 - cols.margin, kLine)
                        : QRectF(edge + 6, ly - kLine / 2, m_width - cols.margin - edge - 6, kLine);
            t.text = callFm.elidedText(EventText::callLabel(e), Qt::ElideRight, column.width());
            const double w = std::min(column.width(), callFm.horizontalAdvance(t.text) + 2);
            t.rect = dir < 0 ? QRectF(column.right() - w, column.top(), w, kLine)
                             : QRectF(column.left(), column.top(), w, kLine);
            t.flags = (dir < 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
            break;
        }
        case EventType::State: {
            if (!sideOf(e.ep, side))
                continue;
            t.kind = TextKind::State;
            const double dir = outward(side);
            const double x = lifelineX(side) + dir * (half + 12);
            const double ly = y(e.t) + stackIndex(row) * kLine;
            const double columnW = cols.stateWidth - 12;
            QString text = QString::fromUtf8(tcp::stateName(e.to));
            if (e.source == tcplab::StateSource::Inferred)
                text += QLatin1Char('?');
            t.text = stateFm.elidedText(text, Qt::ElideRight, columnW);
            const double w = std::min(columnW, stateFm.horizontalAdvance(t.text) + 2);
            t.rect = dir < 0 ? QRectF(x - w, ly - kLine / 2, w, kLine)
                             : QRectF(x, ly - kLine / 2, w, kLine);
            t.flags = (dir < 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
            break;
        }
        case EventType::Note: {
            t.kind = TextKind::Note;
            t.bold = tcplab::isCounterfactualNote(e);
            const QFontMetricsF fm(font(TextKind::Note, t.bold));
            const double l = lifelineX(Side::Client) + 24, r = lifelineX(Side::Server) - 24;
            const double ny = y(e.t) + stackIndex(row) * kLine;
            t.text = fm.elidedText(QString::fromStdString(e.text), Qt::ElideRight, r - l - 12);
            const double w = std::min(r - l, fm.horizontalAdvance(t.text) + 16.0);
            t.rect = QRectF((l + r) / 2 - w / 2, ny - kLine / 2 - 1, w, kLine + 2);
            break;
        }
        case EventType::Timer:
            continue; // drawn as brackets
        }
        m_rowText[std::size_t(row)] = addText(std::move(t));
    }
}
