#include "ui/sequence/sequencescene.h"

#include "ui/sequence/textwidths.h"

#include "trace/counterfactual.h"

#include <QtMath>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

using tcplab::Event;
using tcplab::EventType;
using tcplab::kNoTime;

SequenceScene::SequenceScene() = default;
SequenceScene::~SequenceScene() = default;

void SequenceScene::setTrace(const tcplab::Trace *trace)
{
    m_trace = trace;
    collect();
}

void SequenceScene::collect()
{
    m_brackets.clear();
    m_stacks.clear();
    m_longRows.clear();
    m_sections.clear();
    m_seams.clear();
    m_rowSpan.clear(); // the painter paints every row of rowsIn() until layout() measures them
    m_laidOut = false;
    for (auto &b : m_bands)
        b.clear();
    m_maxSpan = 0;
    m_shortSpan = 0;
    m_end = 0;
    m_counterfactual = m_trace && tcplab::isCounterfactual(*m_trace);
    m_axis.setKnots({});
    if (!m_trace)
        return;
    const auto &events = m_trace->events;

    // The typical flight time: the median of the delivered segments'.
    {
        std::vector<qint64> flights;
        for (const Event &e : events) {
            if (e.type == EventType::Segment && !e.dropped && e.tArrive != kNoTime &&
                e.tArrive > e.t)
                flights.push_back(e.tArrive - e.t);
        }
        if (!flights.empty()) {
            std::nth_element(flights.begin(), flights.begin() + long(flights.size() / 2),
                             flights.end());
            m_flight = flights[flights.size() / 2];
        } else {
            m_flight = 5'000;
        }
    }

    std::array<Band, kSideCount> open;
    for (auto &b : open)
        b = Band{0, 0, tcp::State::Closed, tcplab::StateSource::Simulated, -1};
    // Open brackets per (side, timer name).
    std::map<std::pair<int, tcp::Timer>, Bracket> armed;
    // Stacking of labels that share an instant: key (kind, side), value (t, count).
    std::map<std::pair<int, int>, std::pair<qint64, int>> stack;

    // Every instant something happens: the events' own, in order, and the others (arrivals,
    // returns), sorted and merged in after. A long run's instants are most of its geometry.
    std::vector<qint64> knots, later;
    knots.reserve(events.size() + 1);
    knots.push_back(0);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        const int row = int(i);
        if (e.t != knots.back())
            knots.push_back(e.t);
        m_end = std::max<qint64>(m_end, e.t);
        Side side = Side::Client;
        const bool hasSide = sideOf(e.type == EventType::Segment ? e.src : e.ep, side);
        switch (e.type) {
        case EventType::Segment: {
            const qint64 arrive = e.dropped || e.tArrive == kNoTime ? e.t + m_flight : e.tArrive;
            later.push_back(arrive);
            m_end = std::max<qint64>(m_end, arrive);
            m_maxSpan = std::max<qint64>(m_maxSpan, arrive - e.t);
            break;
        }
        case EventType::Call:
            if (e.tEnd != kNoTime && e.tEnd > e.t) {
                later.push_back(e.tEnd);
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
            m_stacks.push_back({row, it->second.second, 1});
        }
    }
    // Still armed at the end (a live trace cut short, or TIME_WAIT in progress): up to the
    // deadline, which is an instant of the diagram too.
    for (auto &entry : armed) {
        Bracket b = entry.second;
        if (b.timer != tcp::Timer::TimeWait)
            continue;
        later.push_back(b.t1);
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
    // The instants, sorted and each once: the events' are in order already (a trace is sorted
    // by time; a merge of sources may not be), the others are sorted and merged in.
    if (!std::is_sorted(knots.begin(), knots.end()))
        std::sort(knots.begin(), knots.end());
    std::sort(later.begin(), later.end());
    later.erase(std::unique(later.begin(), later.end()), later.end());
    const std::size_t own = knots.size();
    knots.resize(own + later.size());
    std::copy(later.begin(), later.end(), knots.begin() + long(own));
    std::vector<qint64>().swap(later);
    std::inplace_merge(knots.begin(), knots.begin() + long(own), knots.end());
    knots.erase(std::unique(knots.begin(), knots.end()), knots.end());
    // Every instant of an event has a note's gap of room above it (the notes' stack of none).
    std::vector<bool> marked(knots.size(), false);
    std::size_t k = 0;
    for (const Event &e : events) {
        if (k >= knots.size() || knots[k] != e.t)
            k = std::size_t(std::lower_bound(knots.begin(), knots.end(), e.t) - knots.begin());
        marked[k] = true;
    }
    m_axis.setKnots(std::move(knots), std::move(marked));

    // Rows whose arrow or blocking call lasts far longer than a flight: kept apart, so that
    // the rows a strip needs start near it (rowsIn()).
    const qint64 longSpan = std::max<qint64>(64 * m_flight, 1'000'000);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        qint64 span = 0;
        if (e.type == EventType::Segment)
            span = (e.dropped || e.tArrive == kNoTime ? e.t + m_flight : e.tArrive) - e.t;
        else if (e.type == EventType::Call && e.tEnd != kNoTime && e.tEnd > e.t)
            span = e.tEnd - e.t;
        span = std::abs(span); // (an arrow that arrives before it leaves goes up)
        if (span > longSpan)
            m_longRows.push_back(int(i));
        else
            m_shortSpan = std::max(m_shortSpan, span);
    }

    // The room labels need around their instant: the side columns' stacks below it; a stack
    // of notes above it (they sit over the arrows that leave then); half a line either way.
    m_rooms.clear();
    std::size_t first = 0; // into m_stacks: the rows with labels beside the lifelines
    while (first < m_stacks.size()) {
        const qint64 t = events[std::size_t(m_stacks[first].row)].t;
        std::size_t end = first;
        while (end < m_stacks.size() && events[std::size_t(m_stacks[end].row)].t == t)
            ++end;
        int notes = 0, deepest = -1;
        for (std::size_t i = first; i < end; ++i) {
            const EventType type = events[std::size_t(m_stacks[i].row)].type;
            if (type == EventType::Note)
                ++notes;
            else
                deepest = std::max(deepest, m_stacks[i].index);
        }
        // Each stack's size, (kind, side) -> rows: the last row's index plus one.
        std::map<std::pair<int, int>, int> sizes;
        auto stackKey = [&events](int row) {
            Side side = Side::Client;
            sideOf(events[std::size_t(row)].ep, side);
            const EventType type = events[std::size_t(row)].type;
            return std::make_pair(int(type), type == EventType::Note ? 0 : int(side));
        };
        for (std::size_t i = first; i < end; ++i) {
            int &size = sizes[stackKey(m_stacks[i].row)];
            size = std::max(size, m_stacks[i].index + 1);
        }
        for (std::size_t i = first; i < end; ++i)
            m_stacks[i].size = sizes[stackKey(m_stacks[i].row)];
        TimeAxis::Room room;
        room.t = t;
        if (deepest >= 0) {
            room.above = kLine / 2 + 1;
            room.below = deepest * kLine + kLine / 2 + 1;
        }
        room.above = std::max(room.above, notes * (kNoteHeight + kNoteGap) + kNoteGap);
        if (room.above > 0 || room.below > 0)
            m_rooms.push_back(room);
        first = end;
    }
    m_rooms = withBurstRooms(std::move(m_rooms));
}

SequenceScene::Stack SequenceScene::stackOf(int row) const
{
    const auto it = std::lower_bound(m_stacks.begin(), m_stacks.end(), row,
                                     [](const Stack &s, int r) { return s.row < r; });
    if (it == m_stacks.end() || it->row != row)
        return Stack{row, 0, 1};
    return *it;
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
    p.headroom = columns.topPad;
    p.markedAbove = kNoteGap; // the stack of no notes above an instant
    const QFont segmentFont = font(TextKind::Segment, true); // the current one is drawn bold
    if (!m_widths || m_widths->font() != segmentFont)
        m_widths = std::make_unique<TextWidths>(segmentFont);
    m_rtxSuffix = QLatin1Char(' ') + tr("(retransmission)");
    m_droppedSuffix = QLatin1Char(' ') + tr("(dropped)");
    m_laidOut = true;
    layoutTitle(); // the header's height: before anything is placed below it
    if (rowCount() > kWholeRows) {
        // A long run: its segments' labels are placed a section at a time, when needed, and
        // the instants keep the room they are given first (sequencescenelabels.cpp).
        m_axis.layout(p, m_rooms);
        placeTexts();
        makeSections();
        return;
    }
    // Where a segment's label finds no free place (a burst of segments sent at one instant
    // draws one arrow over another), the instant it left at gets a line more of room above it,
    // and the labels are placed again (a burst's instant has some to start with).
    std::map<qint64, TimeAxis::Room> rooms;
    for (const TimeAxis::Room &r : m_rooms) {
        TimeAxis::Room &room = rooms.emplace(r.t, r).first->second;
        room.above = std::max(room.above, r.above);
        room.below = std::max(room.below, r.below);
    }
    std::set<int> failed; // rows whose label has failed before
    std::size_t fewest = std::size_t(-1);
    int stale = 0;
    for (int pass = 0;; ++pass) {
        std::vector<TimeAxis::Room> list;
        list.reserve(rooms.size());
        for (const auto &entry : rooms)
            list.push_back(entry.second);
        m_axis.layout(p, std::move(list));
        placeTexts();
        // Again only while that helps (a dense stretch may have no room whatever the spacing):
        // three passes in a row without fewer labels left over end it.
        if (m_unplaced.size() < fewest) {
            fewest = m_unplaced.size();
            stale = 0;
        }
        if (m_unplaced.empty() || pass == 8 || ++stale > 3)
            break;
        std::set<qint64> grown;
        for (const int row : m_unplaced) {
            // First above the instant it left at (a burst: arrows on top of one another);
            // when that was not enough, below the instant nearest the middle of its arrow (a
            // long arrow through a busy stretch).
            qint64 t = event(row).t;
            bool above = true;
            if (!failed.insert(row).second) {
                const QLineF line = segmentLine(row);
                const qint64 mid = time((line.y1() + line.y2()) / 2);
                const auto &knots = m_axis.knots();
                const auto it = std::upper_bound(knots.begin(), knots.end(), mid);
                t = it == knots.begin() ? knots.front() : *(it - 1);
                above = false;
            }
            if (!grown.insert(t).second)
                continue;
            auto known = rooms.find(t);
            if (known == rooms.end()) {
                // An event's instant had its note gap of room already.
                TimeAxis::Room fresh;
                fresh.t = t;
                fresh.above = m_axis.marked(t) ? p.markedAbove : 0.0;
                known = rooms.emplace(t, fresh).first;
            }
            TimeAxis::Room &r = known->second;
            if (above) {
                r.above += kLine + 2;
            } else { // as much as the label is tall, turned as it is
                const std::optional<Text> label = rowText(row);
                const double rad = label ? qDegreesToRadians(label->angle) : 0.0;
                r.below += label ? label->rect.width() * std::abs(std::sin(rad)) +
                                       label->rect.height() * std::abs(std::cos(rad)) + 4
                                 : kLine + 2;
            }
        }
    }
}

std::vector<TimeAxis::Room> SequenceScene::withBurstRooms(std::vector<TimeAxis::Room> rooms) const
{
    // Segments sent at one instant by one side: beyond the second, a line more each above it;
    // more than kWideBurst of them, two lines above each instant they arrive at as well (their
    // arrows fan out from one point: above it alone, bursts of 26 and more overlapped).
    constexpr int kWideBurst = 12;
    const auto &events = m_trace->events;
    std::vector<TimeAxis::Room> bursts;
    for (std::size_t i = 0; i < events.size();) {
        const qint64 t = events[i].t;
        int sent[kSideCount] = {};
        const std::size_t from = i;
        for (; i < events.size() && events[i].t == t; ++i) {
            Side side = Side::Client;
            if (events[i].type == EventType::Segment && sideOf(events[i].src, side))
                ++sent[int(side)];
        }
        const int most = *std::max_element(std::begin(sent), std::end(sent));
        if (most > 2) {
            TimeAxis::Room room;
            room.t = t;
            room.above = (most - 2) * (kLine + 2);
            bursts.push_back(room);
        }
        if (most > kWideBurst) {
            // A wide fan: its arrivals spread too, so that the labels have room along it.
            for (std::size_t k = from; k < i; ++k) {
                const Event &e = events[k];
                if (e.type != EventType::Segment || e.dropped || e.tArrive == kNoTime)
                    continue;
                TimeAxis::Room room;
                room.t = e.tArrive;
                room.above = 2 * (kLine + 2);
                bursts.push_back(room);
            }
        }
    }
    if (bursts.empty())
        return rooms;
    // Added to what the instant has (the axis takes the largest room an instant is given).
    std::sort(rooms.begin(), rooms.end(),
              [](const TimeAxis::Room &a, const TimeAxis::Room &b) { return a.t < b.t; });
    for (TimeAxis::Room &burst : bursts) {
        const double extra = burst.above;
        auto it = std::lower_bound(
            rooms.begin(), rooms.end(), burst.t,
            [](const TimeAxis::Room &r, qint64 t) { return r.t < t; });
        for (; it != rooms.end() && it->t == burst.t; ++it) {
            burst.above = std::max(burst.above, it->above + extra);
            burst.below = std::max(burst.below, it->below);
        }
    }
    rooms.insert(rooms.end(), bursts.begin(), bursts.end());
    return rooms;
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
    const qint64 t0 = time(y0) - m_shortSpan;
    const qint64 t1 = time(y1);
    auto first = std::lower_bound(events.begin(), events.end(), t0,
                                  [](const Event &e, qint64 t) { return e.t < t; });
    auto last = std::upper_bound(events.begin(), events.end(), t1,
                                 [](qint64 t, const Event &e) { return t < e.t; });
    return {int(first - events.begin()), int(std::max(first, last) - events.begin())};
}

std::vector<int> SequenceScene::rowsReaching(double y0, double y1) const
{
    std::vector<int> rows;
    forRowsNear(y0, y1, m_textReach, [&](int row) {
        if (rowReaches(row, y0, y1))
            rows.push_back(row);
    });
    return rows;
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
    int best = -1;
    double bestDistance = tolerance;
    const double lineHeight = 16;
    forRowsNear(p.y() - tolerance, p.y() + tolerance, m_textReach, [&](int row) {
        const Event &e = event(row);
        double d = 1e9;
        if (e.type == EventType::Segment) {
            d = distanceToSegment(p, segmentLine(row));
        } else if (e.type == EventType::Note) {
            if (const auto t = rowText(row); t && t->rect.adjusted(-2, -2, 2, 2).contains(p))
                d = 0;
        } else if (e.type == EventType::Call || e.type == EventType::State) {
            Side side = Side::Client;
            const auto t = rowText(row);
            if (!sideOf(e.ep, side) || !t)
                return;
            const double x = lifelineX(side);
            const double ly = t->rect.center().y();
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
    });
    return best;
}
