// SequenceScene's texts: the title, the state names and calls beside the lifelines, the
// notes, the timer labels, the breaks' notes and the segments' labels, measured with the
// renderer's fonts and placed so that none covers another (sequencescene.cpp has the rest of
// the geometry).
#include "ui/sequence/sequencescene.h"

#include "ui/common/diagramstyle.h"
#include "ui/sequence/textboard.h"
#include "ui/sequence/textwidths.h"

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
    const auto it = std::lower_bound(m_leaderStop.begin(), m_leaderStop.end(), row,
                                     [](const auto &stop, int r) { return stop.first < r; });
    const double placed = it != m_leaderStop.end() && it->first == row ? it->second : 0.0;
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
    m_rowText.clear();
    m_bracketText.assign(m_brackets.size(), -1);
    m_breakText.assign(m_axis.breaks().size(), -1);
    m_leaderStop.clear();
    m_rowSpan.clear();
    m_fixed.clear();
    m_fixedTallest = 0;
    m_sections.clear();
    m_seams.clear();
    m_unplaced.clear();
    m_titleText = -1;
    m_textReach = 2 * kLine;
    if (!m_trace)
        return;
    const Columns &cols = m_columns;
    const bool whole = rowCount() <= kWholeRows;
    // A text per row at most, and a box for it (a call's dotted line, a lost segment's cross:
    // one more). A long run's segments' labels are placed on boards of their own.
    const std::size_t most = std::size_t(whole ? rowCount() : int(m_stacks.size())) +
                             m_brackets.size() + m_axis.breaks().size();
    m_texts.reserve(std::min<std::size_t>(most, m_stacks.size() + m_brackets.size() +
                                                    m_axis.breaks().size()) +
                    1);
    TextBoard board;
    board.reserve(2 * most);
    // What the segments' labels must not cover, kept for the sections of a long run.
    auto fixed = [this, &board](const TextBoard::Box &box) {
        board.add(box);
        m_fixed.push_back(box);
    };

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
        fixed(boxOf(t));
        m_breakText[i] = addText(std::move(t));
    }

    // Beside the lifelines: the state names next to the band, the calls in the outer column,
    // stacked a line apart where they share an instant (the axis left room for the stack).
    const QFontMetricsF callFm(font(TextKind::Call));
    const QFontMetricsF stateFm(font(TextKind::State));
    const double half = cols.bandWidth / 2;
    for (const Stack &stack : m_stacks) {
        const int row = stack.row;
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
        fixed(boxOf(t));
        spanRow(row, t.rect.top(), t.rect.bottom());
        m_rowText.emplace_back(row, addText(std::move(t)));
    }
    // A long run repeats its calls ("send(100) = 100"): each text is elided and measured once
    // per column.
    QHash<QString, std::pair<QString, double>> calls;
    const std::size_t states = m_rowText.size(); // the state names so far, by row
    auto stateName = [this, states](int row) -> const Text * {
        const auto end = m_rowText.begin() + long(states);
        const auto it = std::lower_bound(m_rowText.begin(), end, row,
                                         [](const auto &text, int r) { return text.first < r; });
        return it == end || it->first != row ? nullptr : &m_texts[std::size_t(it->second)];
    };
    for (const Stack &stack : m_stacks) {
        const int row = stack.row;
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
        const QString label = EventText::callLabel(e);
        const QString key = label + QLatin1Char('\n') + QString::number(column.width(), 'g', 17);
        auto known = calls.constFind(key);
        if (known == calls.constEnd()) {
            const QString elided = callFm.elidedText(label, Qt::ElideRight, column.width());
            known = calls.insert(key, {elided, callFm.horizontalAdvance(elided)});
        }
        t.text = known->first;
        const double w = std::min(column.width(), known->second + 2);
        t.rect = dir < 0 ? QRectF(column.right() - w, column.top(), w, kLine)
                         : QRectF(column.left(), column.top(), w, kLine);
        t.flags = (dir < 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
        fixed(boxOf(t));
        // The dotted line from the band to the call stops short of a state name at the same
        // height ("SYN_SENT ···· connect()"): it never runs through the name.
        double stop = x + dir * half;
        int from = row, to = row + 1; // the rows of this instant
        while (from > 0 && event(from - 1).t == e.t)
            --from;
        while (to < rowCount() && event(to).t == e.t)
            ++to;
        for (int other = from; other < to; ++other) {
            const Text *name = stateName(other);
            if (name && name->kind == TextKind::State && event(other).ep == e.ep &&
                name->rect.top() < ly && name->rect.bottom() > ly)
                stop = dir < 0 ? std::min(stop, name->rect.left() - 3)
                               : std::max(stop, name->rect.right() + 3);
        }
        m_leaderStop.emplace_back(row, stop);
        const QLineF leader = callLeader(row);
        fixed(TextBoard::Box(QRectF(QPointF(std::min(leader.x1(), leader.x2()), ly - 1),
                                    QPointF(std::max(leader.x1(), leader.x2()), ly + 1))));
        spanRow(row, t.rect.top(), t.rect.bottom());
        if (e.tEnd != kNoTime && e.tEnd > e.t) // the line it blocked along
            spanRow(row, ly, y(e.tEnd));
        m_rowText.emplace_back(row, addText(std::move(t)));
    }

    // Notes over the arrows that leave at their instant, stacked upwards in the room the axis
    // left above it, between the lifelines.
    for (const Stack &stack : m_stacks) {
        const int row = stack.row;
        const Event &e = event(row);
        if (e.type != EventType::Note)
            continue;
        Text t;
        t.kind = TextKind::Note;
        t.index = row;
        t.bold = tcplab::isCounterfactualNote(e);
        const QFontMetricsF fm(font(TextKind::Note, t.bold));
        const double l = lifelineX(Side::Client) + 24, r = lifelineX(Side::Server) - 24;
        const int below = stack.size - 1 - stack.index; // notes under it
        const double bottom = y(e.t) - kNoteGap - below * (kNoteHeight + kNoteGap);
        t.text = fm.elidedText(EventText::label(e), Qt::ElideRight, r - l - 16);
        const double w = std::min(r - l, fm.horizontalAdvance(t.text) + 16.0);
        t.rect = QRectF((l + r) / 2 - w / 2, bottom - kNoteHeight, w, kNoteHeight);
        fixed(boxOf(t));
        spanRow(row, t.rect.top(), t.rect.bottom());
        m_rowText.emplace_back(row, addText(std::move(t)));
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
        fixed(boxOf(t));
        m_bracketText[i] = addText(std::move(t));
    }
    std::sort(m_rowText.begin(), m_rowText.end());
    std::sort(m_rowSpan.begin(), m_rowSpan.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    std::stable_sort(m_fixed.begin(), m_fixed.end(),
                     [](const TextBoard::Box &a, const TextBoard::Box &b) {
                         return a.bounds.top() < b.bounds.top();
                     });
    for (const TextBoard::Box &b : m_fixed)
        m_fixedTallest = std::max(m_fixedTallest, b.bounds.height());

    if (whole) {
        // The whole run's labels at once, on the board of everything else.
        Section all;
        all.first = 0;
        all.last = rowCount();
        all.labels.resize(std::size_t(rowCount()));
        std::vector<int> rows;
        std::vector<Label *> out;
        for (int row = 0; row < rowCount(); ++row) {
            if (event(row).type != EventType::Segment)
                continue;
            rows.push_back(row);
            out.push_back(&all.labels[std::size_t(row)]);
            const QLineF line = segmentLine(row);
            board.addLine(line, row);
            if (event(row).dropped) // the cross where it was lost: no label over it
                board.add(TextBoard::Box(QRectF(line.x2() - 8, line.y2() - 8, 16, 16)));
        }
        placeSegmentLabels(board, rows, out, &m_textReach, &m_unplaced, *m_widths);
        all.placed = true;
        m_sections.push_back(std::move(all));
    }

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
    if (m_rowSpan.empty() || m_rowSpan.back().first != row)
        m_rowSpan.push_back({row, {1e300, -1e300}});
    auto &span = m_rowSpan.back().second;
    span.first = std::min({span.first, y0, y1});
    span.second = std::max({span.second, y0, y1});
}

bool SequenceScene::rowReaches(int row, double y0, double y1) const
{
    // A pen's width, an arrowhead, the current arrow's halo, a lost segment's cross, a
    // glyph past its box: all within a dozen pixels of the lines and boxes measured.
    constexpr double kPad = 12;
    if (!m_laidOut || row < 0 || row >= rowCount())
        return true; // not laid out
    if (event(row).type == EventType::Segment) {
        // Not placed yet: first whether it could reach so far (its section is placed only if
        // it could).
        if (m_sections.size() != 1 || !m_sections.front().placed) {
            const auto [top, bottom] = segmentRegion(row);
            if (top - kPad > y1 || bottom + kPad < y0)
                return false;
        }
        const Label *l = label(row);
        return l && l->top - kPad <= y1 && l->bottom + kPad >= y0;
    }
    const auto it = std::lower_bound(m_rowSpan.begin(), m_rowSpan.end(), row,
                                     [](const auto &span, int r) { return span.first < r; });
    if (it == m_rowSpan.end() || it->first != row)
        return false; // a timer: drawn as a bracket, not at its row
    const auto &span = it->second;
    return span.first - kPad <= y1 && span.second + kPad >= y0;
}

std::optional<SequenceScene::Text> SequenceScene::rowText(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    if (event(row).type == EventType::Segment) {
        const Label *l = label(row);
        if (!l)
            return std::nullopt;
        Text t;
        t.kind = TextKind::Segment;
        t.index = row;
        t.text = segmentText(row);
        t.rect = QRectF(-l->width / 2, -kLine / 2, l->width, kLine);
        t.origin = QPointF(l->ox, l->oy);
        t.angle = l->angle;
        return t;
    }
    const auto it = std::lower_bound(m_rowText.begin(), m_rowText.end(), row,
                                     [](const auto &text, int r) { return text.first < r; });
    if (it == m_rowText.end() || it->first != row)
        return std::nullopt;
    return m_texts[std::size_t(it->second)];
}

std::vector<SequenceScene::Text> SequenceScene::texts() const
{
    std::vector<Text> all = m_texts;
    for (const Section &s : m_sections) {
        for (std::size_t i = 0; i < s.labels.size(); ++i) {
            if (s.labels[i].placed)
                all.push_back(*rowText(s.first + int(i)));
        }
    }
    return all;
}

