// SequenceScene's texts: the title, the state names and calls beside the lifelines, the
// notes, the timer labels, the breaks' notes and the segments' labels, measured with the
// renderer's fonts and placed so that none covers another (sequencescene.cpp has the rest of
// the geometry).
#include "ui/sequence/sequencescene.h"

#include "ui/common/diagramstyle.h"
#include "ui/sequence/textboard.h"

#include "model/eventtext.h"
#include "trace/counterfactual.h"

#include <QFontMetricsF>
#include <QHash>
#include <QTransform>
#include <QtMath>

#include <algorithm>
#include <cmath>

using tcplab::Event;
using tcplab::EventType;
using tcplab::kNoTime;

namespace {

TextBoard::Box boxOf(const SequenceScene::Text &t)
{
    const double rad = qDegreesToRadians(t.angle);
    return TextBoard::Box(t.rect, t.origin, std::cos(rad), std::sin(rad));
}

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
    // It stops short of a state name at its height (placeTexts() says where; 0: at the band).
    const double placed =
        std::size_t(row) < m_leaderStop.size() ? m_leaderStop[std::size_t(row)] : 0.0;
    const double stop = placed != 0 ? placed : x + dir * m_columns.bandWidth / 2;
    return QLineF(QPointF(edge, y), QPointF(stop, y));
}

void SequenceScene::layoutTitle()
{
    m_titleStrip = 0;
    m_titleShown.clear();
    m_titleRect = QRectF();
    m_titleElided = false;
    if (!m_trace || m_trace->title.empty())
        return;
    const QString title = QString::fromStdString(m_trace->title);
    const QFontMetricsF fm(font(TextKind::Title));
    const int wrap = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
    // Between the heads, in the lines there is room for.
    const double banner = bannerHeight();
    const double l = m_clientX + 70, r = m_serverX - 70;
    const QRectF between(l, banner + 4, std::max(0.0, r - l), m_columns.headerHeight - 8);
    const QRectF needs = fm.boundingRect(QRectF(between.left(), 0, between.width(), 1e6), wrap,
                                         title);
    if (between.width() > 60 && needs.height() <= between.height() &&
        needs.width() <= between.width() + 0.5) {
        m_titleShown = title;
        m_titleRect = QRectF(between.left(), between.center().y() - needs.height() / 2,
                             between.width(), needs.height());
        return;
    }
    // Too long: across the whole width, above the heads; the window may cut it to a few
    // lines (the tooltip has it all), an export never does.
    const QRectF across(m_columns.margin, 0, std::max(60.0, m_width - 2 * m_columns.margin), 1e6);
    auto lines = [&](const QString &text) {
        return int(std::lround(fm.boundingRect(across, wrap, text).height() / fm.lineSpacing()));
    };
    QString shown = title;
    if (m_titleLines > 0 && lines(title) > m_titleLines) {
        int lo = 0, hi = int(title.size());
        while (lo < hi) { // the longest beginning that fits with its ellipsis
            const int mid = (lo + hi + 1) / 2;
            if (lines(title.left(mid).trimmed() + QChar(0x2026)) <= m_titleLines)
                lo = mid;
            else
                hi = mid - 1;
        }
        shown = title.left(lo).trimmed() + QChar(0x2026);
        m_titleElided = true;
    }
    const double h = fm.boundingRect(across, wrap, shown).height();
    m_titleShown = shown;
    m_titleStrip = h + 8;
    m_titleRect = QRectF(across.left(), banner + 4, across.width(), h);
}

void SequenceScene::placeTexts()
{
    m_texts.clear();
    m_rowText.assign(std::size_t(rowCount()), -1);
    m_bracketText.assign(m_brackets.size(), -1);
    m_breakText.assign(m_axis.breaks().size(), -1);
    m_leaderStop.assign(std::size_t(rowCount()), 0.0);
    m_rowSpan.assign(std::size_t(rowCount()), {1e300, -1e300}); // a timer draws nothing here
    m_unplaced.clear();
    m_titleText = -1;
    m_textReach = 2 * kLine;
    if (!m_trace)
        return;
    const Columns &cols = m_columns;
    // A text per row at most, and a box for it (a call's dotted line, a lost segment's cross:
    // one more).
    const std::size_t most = std::size_t(rowCount()) + m_brackets.size() + m_axis.breaks().size();
    m_texts.reserve(most + 1);
    TextBoard board;
    board.reserve(2 * most);

    if (!m_titleShown.isEmpty()) {
        Text t;
        t.kind = TextKind::Title;
        t.text = m_titleShown;
        t.rect = m_titleRect;
        t.flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
        m_titleText = addText(std::move(t)); // in the header: nothing below meets it
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
        board.add(boxOf(t));
        m_breakText[i] = addText(std::move(t));
    }

    // Beside the lifelines: the state names next to the band, the calls in the outer column,
    // stacked a line apart where they share an instant (the axis left room for the stack).
    const QFontMetricsF callFm(font(TextKind::Call));
    const QFontMetricsF stateFm(font(TextKind::State));
    const double half = cols.bandWidth / 2;
    for (int row = 0; row < rowCount(); ++row) {
        const Event &e = event(row);
        Side side = Side::Client;
        if (e.type != EventType::State || !sideOf(e.ep, side))
            continue;
        Text t;
        t.kind = TextKind::State;
        t.index = row;
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
        board.add(boxOf(t));
        spanRow(row, t.rect.top(), t.rect.bottom());
        m_rowText[std::size_t(row)] = addText(std::move(t));
    }
    for (int row = 0; row < rowCount(); ++row) {
        const Event &e = event(row);
        Side side = Side::Client;
        if (e.type != EventType::Call || !sideOf(e.ep, side))
            continue;
        Text t;
        t.kind = TextKind::Call;
        t.index = row;
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
        board.add(boxOf(t));
        // The dotted line from the band to the call stops short of a state name at the same
        // height ("SYN_SENT ···· connect()"): it never runs through the name.
        double stop = x + dir * half;
        int from = row, to = row + 1; // the rows of this instant
        while (from > 0 && event(from - 1).t == e.t)
            --from;
        while (to < rowCount() && event(to).t == e.t)
            ++to;
        for (int other = from; other < to; ++other) {
            const Text *name = rowText(other);
            if (name && name->kind == TextKind::State && event(other).ep == e.ep &&
                name->rect.top() < ly && name->rect.bottom() > ly)
                stop = dir < 0 ? std::min(stop, name->rect.left() - 3)
                               : std::max(stop, name->rect.right() + 3);
        }
        m_leaderStop[std::size_t(row)] = stop;
        const QLineF leader = callLeader(row);
        board.add(TextBoard::Box(QRectF(QPointF(std::min(leader.x1(), leader.x2()), ly - 1),
                              QPointF(std::max(leader.x1(), leader.x2()), ly + 1))));
        spanRow(row, t.rect.top(), t.rect.bottom());
        if (e.tEnd != kNoTime && e.tEnd > e.t) // the line it blocked along
            spanRow(row, ly, y(e.tEnd));
        m_rowText[std::size_t(row)] = addText(std::move(t));
    }

    // Notes over the arrows that leave at their instant, stacked upwards in the room the axis
    // left above it, between the lifelines.
    for (int row = 0; row < rowCount(); ++row) {
        const Event &e = event(row);
        if (e.type != EventType::Note)
            continue;
        Text t;
        t.kind = TextKind::Note;
        t.index = row;
        t.bold = tcplab::isCounterfactualNote(e);
        const QFontMetricsF fm(font(TextKind::Note, t.bold));
        const double l = lifelineX(Side::Client) + 24, r = lifelineX(Side::Server) - 24;
        const int below = m_stackSize[std::size_t(row)] - 1 - stackIndex(row); // notes under it
        const double bottom = y(e.t) - kNoteGap - below * (kNoteHeight + kNoteGap);
        t.text = fm.elidedText(EventText::label(e), Qt::ElideRight, r - l - 16);
        const double w = std::min(r - l, fm.horizontalAdvance(t.text) + 16.0);
        t.rect = QRectF((l + r) / 2 - w / 2, bottom - kNoteHeight, w, kNoteHeight);
        board.add(boxOf(t));
        spanRow(row, t.rect.top(), t.rect.bottom());
        m_rowText[std::size_t(row)] = addText(std::move(t));
    }

    // Timer brackets: the label beside the bracket, outward, as near its middle as is free.
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
        t.flags = (dir < 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
        const double mid = (y0 + y1) / 2;
        bool placed = false;
        for (double d = 0; !placed && mid - d >= y0 + kLine / 2; d += 4) {
            for (const double at : {mid + d, mid - d}) {
                if (at + kLine / 2 > y1)
                    continue;
                t.rect = dir < 0 ? QRectF(x - 4 - w, at - 8, w, 16) : QRectF(x + 4, at - 8, w, 16);
                if (!board.hits(boxOf(t))) {
                    placed = true;
                    break;
                }
            }
        }
        if (!placed) // nowhere free beside it: the tooltip says what it is
            continue;
        board.add(boxOf(t));
        m_bracketText[i] = addText(std::move(t));
    }

    placeSegmentLabels(board);

    // How far texts reach beyond their rows' instants: the painter's margin (the segments'
    // labels counted where they were placed).
    for (const Text &t : m_texts) {
        if (t.index < 0 || (t.kind != TextKind::Note && t.kind != TextKind::Call &&
                            t.kind != TextKind::State))
            continue;
        const double at = y(event(t.index).t);
        m_textReach = std::max({m_textReach, at - t.rect.top(), t.rect.bottom() - at});
    }
}

void SequenceScene::spanRow(int row, double y0, double y1)
{
    auto &span = m_rowSpan[std::size_t(row)];
    span.first = std::min({span.first, y0, y1});
    span.second = std::max({span.second, y0, y1});
}

bool SequenceScene::rowReaches(int row, double y0, double y1) const
{
    // A pen's width, an arrowhead, the current arrow's halo, a lost segment's cross, a
    // glyph past its box: all within a dozen pixels of the lines and boxes measured.
    constexpr double kPad = 12;
    if (std::size_t(row) >= m_rowSpan.size())
        return true; // not laid out
    const auto &span = m_rowSpan[std::size_t(row)];
    return span.first - kPad <= y1 && span.second + kPad >= y0;
}

void SequenceScene::placeSegmentLabels(TextBoard &board)
{
    const QFontMetricsF fm(font(TextKind::Segment, true)); // the current one is drawn bold
    std::vector<QLineF> lines(static_cast<std::size_t>(rowCount()));
    for (int row = 0; row < rowCount(); ++row) {
        if (event(row).type != EventType::Segment)
            continue;
        const QLineF line = lines[std::size_t(row)] = segmentLine(row);
        board.addLine(line, row);
        if (event(row).dropped) // the cross where it was lost: no label over it
            board.add(TextBoard::Box(QRectF(line.x2() - 8, line.y2() - 8, 16, 16)));
    }
    const double left = lifelineX(Side::Client) + m_columns.bandWidth / 2;
    const double right = lifelineX(Side::Server) - m_columns.bandWidth / 2;
    struct Candidate {
        double f = 0.5; // along the arrow, from the sender
        int side = -1;  // -1 above the arrow, +1 below
        int level = 0;  // a further line away from it
        double cost = 0;
        bool flat = false; // level, beside a steep arrow (side: -1 left of it, +1 right)
    };
    std::vector<Candidate> candidates;
    // (cost, index): ties in the order made, so the same picture every time. Pairs of numbers
    // sort faster than the candidates themselves, and a dense run sorts some for every label.
    std::vector<std::pair<double, int>> ranked;
    // The labels with the least room along their arrow first: a long label on a short arrow
    // has few places to go, a short one on a long arrow many.
    std::vector<std::pair<double, int>> order;
    QHash<QString, double> widths; // a long run repeats its labels ("ACK seq=1 ack=1")
    for (int row = 0; row < rowCount(); ++row) {
        const Event &e = event(row);
        if (e.type != EventType::Segment)
            continue;
        QString text = EventText::segmentLabel(e, m_absolute);
        if (e.rtx)
            text += QLatin1Char(' ') + tr("(retransmission)");
        if (e.dropped)
            text += QLatin1Char(' ') + tr("(dropped)");
        auto known = widths.find(text);
        if (known == widths.end())
            known = widths.insert(text, fm.horizontalAdvance(text) + 4);
        const double w = known.value();
        Text t;
        t.kind = TextKind::Segment;
        t.index = row;
        t.text = text;
        t.rect = QRectF(-w / 2, -kLine / 2, w, kLine);
        m_rowText[std::size_t(row)] = addText(std::move(t));
        const bool cut = e.dropped || e.tArrive == kNoTime; // drawn half-way
        const double reach = lines[std::size_t(row)].length() * (cut ? 2 : 1);
        order.push_back({reach - w, row});
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &placing : order) {
        const int row = placing.second; // a plain variable: a lambda below captures it
        Text &t = m_texts[std::size_t(m_rowText[std::size_t(row)])];
        // How far the label reaches beyond its arrow's ends: the painter's margin; and what
        // the row draws, from top to bottom.
        auto reachOf = [this, row, &lines](const QRectF &r) {
            const QLineF &l = lines[std::size_t(row)];
            m_textReach = std::max({m_textReach, std::min(l.y1(), l.y2()) - r.top(),
                                    r.bottom() - std::max(l.y1(), l.y2())});
            spanRow(row, l.y1(), l.y2());
            spanRow(row, r.top(), r.bottom());
        };
        // A dropped segment's arrow stops half-way: its label may use the rest of the way.
        QLineF line = lines[std::size_t(row)];
        const bool cut = event(row).dropped || event(row).tArrive == kNoTime;
        if (cut)
            line.setP2(line.p1() + 2 * (line.p2() - line.p1()));
        double angle = qRadiansToDegrees(std::atan2(line.dy(), line.dx()));
        if (angle > 90)
            angle -= 180;
        else if (angle < -90)
            angle += 180;
        t.angle = angle;
        const double w = t.rect.width();
        const double rad = qDegreesToRadians(angle);
        const double cosA = std::cos(rad), sinA = std::sin(rad);
        const QPointF down(-sinA, cosA); // the text's "below", on screen

        // Where it may go: on the arrow's middle, then towards either end (clear of the ends),
        // above or below it, or a line further away; the nearer the middle and the arrow the
        // better, and best where no other arrow runs through it.
        // A dropped segment's label belongs before its cross, on the half drawn, and goes past
        // it only when it is longer than that half.
        const double len = std::max(1.0, line.length());
        const double margin = std::min(0.5, (w / 2 + 10) / len);
        const double middle = cut ? 0.25 : 0.5, step = cut ? 0.035 : 0.07;
        auto cost = [&](double f, int side, int level) {
            const double past = cut ? std::max(0.0, f * len + w / 2 - len / 2) / w : 0.0;
            return std::abs(f - middle) * 6 * 0.07 / step + 4 * past +
                   (side > 0 ? 0.5 : 0) + level * 4;
        };
        // Most labels fit above the middle of their arrow with no other arrow through them:
        // nothing can be better (it costs nothing), so look no further.
        if (!cut) {
            t.origin = line.pointAt(0.5) - down * (kLine / 2 + 2);
            const TextBoard::Box quad(t.rect, t.origin, cosA, sinA);
            const QRectF &b = quad.bounds;
            if (b.left() >= left - 1 && b.right() <= right + 1 && b.top() >= headerHeight() + 2 &&
                !board.hits(quad) &&
                board.linesThrough(t.rect, t.origin, cosA, sinA, b, row, 1) == 0) {
                board.add(quad);
                reachOf(quad.bounds);
                continue;
            }
        }
        candidates.clear();
        for (int k = 0; k <= 12; ++k) {
            const double f = std::clamp(middle + (k % 2 ? 1 : -1) * ((k + 1) / 2) * step, margin,
                                        1 - margin);
            for (const int level : {0, 1, 2, 3})
                for (const int side : {-1, 1})
                    candidates.push_back({f, side, level, cost(f, side, level)});
        }
        for (const double f : {margin, 1 - margin})
            for (const int side : {-1, 1})
                candidates.push_back({f, side, 0, cost(f, side, 0)});
        // A steep arrow (a long flight): also level, beside it, anywhere along it.
        if (std::abs(angle) > 30) {
            for (int k = 1; k < 10; ++k)
                for (const int side : {-1, 1})
                    candidates.push_back(
                        {k / 10.0, side, 0, 3 + std::abs(k / 10.0 - 0.5) * 6, true});
        }
        ranked.clear();
        for (std::size_t i = 0; i < candidates.size(); ++i)
            ranked.emplace_back(candidates[i].cost, int(i));
        std::sort(ranked.begin(), ranked.end());
        double best = 1e18;
        QPointF bestOrigin = line.pointAt(middle) - down * (kLine / 2 + 2);
        double bestAngle = angle;
        bool placed = false;
        int tried = 0;
        for (const auto &rank : ranked) {
            const Candidate &c = candidates[std::size_t(rank.second)];
            // The rest cost more before any arrow is counted; and past a dozen free places in
            // a dense stretch, the best of those will do.
            if (c.cost >= best || tried == 12)
                break;
            t.angle = c.flat ? 0.0 : angle;
            t.origin = c.flat ? line.pointAt(c.f) + QPointF(c.side * (w / 2 + 8), 0)
                              : line.pointAt(c.f) +
                                    down * (c.side * (kLine / 2 + 2 + c.level * (kLine + 2)));
            const TextBoard::Box quad = c.flat ? TextBoard::Box(t.rect, t.origin)
                                               : TextBoard::Box(t.rect, t.origin, cosA, sinA);
            const QRectF &bounds = quad.bounds;
            // Inside the diagram, below its header (which stays over the body as it scrolls).
            if (bounds.left() < 0 || bounds.right() > m_width ||
                bounds.top() < headerHeight() + 2 || board.hits(quad))
                continue;
            ++tried;
            // Arrows through it, counted only as far as they could still make it the best.
            const int limit = best > 1e9 ? 1000 : int(std::ceil((best - c.cost) / 10.0)) + 1;
            double cost = c.cost + 10.0 * board.linesThrough(t.rect, t.origin,
                                                             c.flat ? 1.0 : cosA,
                                                             c.flat ? 0.0 : sinA, bounds, row,
                                                             std::max(1, limit));
            if (bounds.left() < left - 1 || bounds.right() > right + 1)
                cost += 20; // over a lifeline's band
            if (cost < best) {
                best = cost;
                bestOrigin = t.origin;
                bestAngle = t.angle;
                placed = true;
            }
        }
        if (!placed)
            m_unplaced.push_back(row);
        t.origin = bestOrigin;
        t.angle = bestAngle;
        const TextBoard::Box quad = boxOf(t);
        board.add(quad);
        reachOf(quad.bounds);
    }
    std::sort(m_unplaced.begin(), m_unplaced.end());
}
