// SequenceScene's segment labels: each placed along its arrow where it covers no other text
// and as few arrows as can be (sequencescenetexts.cpp places the texts beside the lifelines
// first). A run of up to kWholeRows events has its labels placed all at once; a longer run's
// are placed a section of rows at a time, when first needed, so that the window places only
// what it shows (issue "A million events").
//
// Sections. Rows are cut into sections of some kSectionRows rows, between two instants. The
// rows whose labels could meet a label of the other side of a cut -- their regions, where
// anything the row draws can be, reach across it -- are the cut's seam: their labels are
// placed first, on their own, against everything else already there (the texts beside the
// lifelines, the arrows). A section's other labels are placed after, against the seams' on
// either side: they cannot meet another section's. So a section's labels are the same
// whichever section the window places first, and an export, which places them all, draws
// what the window shows. A cut whose seam would reach another's (a long arrow across
// several sections) is not made: its two sections are one.

#include "ui/sequence/sequencescene.h"

#include "ui/common/paintthreads.h"

#include "ui/sequence/textboard.h"
#include "ui/sequence/textwidths.h"

#include "tcp/segment.h"

#include "model/eventtext.h"

#include <QThread>
#include <QtMath>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

using tcplab::Event;
using tcplab::EventType;
using tcplab::kNoTime;

namespace {

// Rows per section of a long run: what a first look at a new stretch of it places.
constexpr int kSectionRows = 256;
// The farthest line from its arrow a label of a section may go to (a whole run's go to the
// third, and its instants get more room where that is not enough).
constexpr int kFarthestLevel = 8;
// How far a label's box can be from its arrow's ends, beyond half its width: that many lines
// of labels (18 px each) and the first one's offset (10 px), half a line, and a little more.
constexpr double kRegionPad = kFarthestLevel * 18 + 10 + 8 + 2;

int digits(std::uint32_t n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

} // namespace

QString SequenceScene::segmentText(int row) const
{
    const Event &e = event(row);
    QString text = EventText::segmentLabel(e, m_absolute);
    if (e.rtx)
        text += m_rtxSuffix;
    if (e.dropped)
        text += m_droppedSuffix;
    return text;
}

QLineF SequenceScene::placementLine(int row) const
{
    // A dropped segment's arrow stops half-way: its label may use the rest of the way.
    QLineF line = segmentLine(row);
    const Event &e = event(row);
    if (e.dropped || e.tArrive == kNoTime)
        line.setP2(line.p1() + 2 * (line.p2() - line.p1()));
    return line;
}

double SequenceScene::regionPad(int row) const
{
    // No wider than its characters at the widest any of them is: a bound, without shaping.
    const Event &e = event(row);
    const std::uint32_t seq = m_absolute ? e.seqAbs : e.seq;
    const std::uint32_t ack = m_absolute ? e.ackAbs : e.ack;
    qsizetype chars = qsizetype(tcp::flagsName(e.flags).size()) + 5 + digits(seq);
    if ((e.flags & tcp::ACK) != 0)
        chars += 5 + digits(ack);
    if (e.len > 0)
        chars += 5 + digits(e.len);
    if (e.rtx)
        chars += m_rtxSuffix.size();
    if (e.dropped)
        chars += m_droppedSuffix.size();
    return (double(chars) * m_widestChar + 8) / 2 + kRegionPad;
}

std::pair<double, double> SequenceScene::segmentRegion(int row) const
{
    const QLineF line = placementLine(row);
    const double pad = regionPad(row);
    return {std::min(line.y1(), line.y2()) - pad, std::max(line.y1(), line.y2()) + pad};
}

void SequenceScene::placeSegmentLabels(TextBoard &board, const std::vector<int> &rows,
                                       const std::vector<Label *> &out, double *reach,
                                       std::vector<int> *unplaced, TextWidths &widths) const
{
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
    std::vector<QLineF> lines(rows.size());
    order.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const int row = rows[i];
        const Event &e = event(row);
        const double w = widths.advance(segmentText(row)) + 4;
        out[i]->width = w;
        lines[i] = segmentLine(row);
        const bool cut = e.dropped || e.tArrive == kNoTime; // drawn half-way
        const double reach = lines[i].length() * (cut ? 2 : 1);
        order.push_back({reach - w, int(i)});
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &placing : order) {
        const std::size_t i = std::size_t(placing.second);
        const int row = rows[i];
        Label &l = *out[i];
        // How far the label reaches beyond its arrow's ends: the painter's margin; and what
        // the row draws, from top to bottom.
        auto reachOf = [reach, &l, &drawn = lines[i]](const QRectF &r) {
            if (reach)
                *reach = std::max({*reach, std::min(drawn.y1(), drawn.y2()) - r.top(),
                                   r.bottom() - std::max(drawn.y1(), drawn.y2())});
            l.top = std::min({l.top, drawn.y1(), drawn.y2(), r.top(), r.bottom()});
            l.bottom = std::max({l.bottom, drawn.y1(), drawn.y2(), r.top(), r.bottom()});
            l.placed = true;
        };
        // A dropped segment's arrow stops half-way: its label may use the rest of the way.
        QLineF line = lines[i];
        const bool cut = event(row).dropped || event(row).tArrive == kNoTime;
        if (cut)
            line.setP2(line.p1() + 2 * (line.p2() - line.p1()));
        double angle = qRadiansToDegrees(std::atan2(line.dy(), line.dx()));
        if (angle > 90)
            angle -= 180;
        else if (angle < -90)
            angle += 180;
        const double w = l.width;
        const QRectF rect(-w / 2, -kLine / 2, w, kLine);
        QPointF origin;
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
            origin = line.pointAt(0.5) - down * (kLine / 2 + 2);
            const TextBoard::Box quad(rect, origin, cosA, sinA);
            const QRectF &b = quad.bounds;
            if (b.left() >= left - 1 && b.right() <= right + 1 && b.top() >= headerHeight() + 2 &&
                !board.hits(quad) &&
                board.linesThrough(rect, origin, cosA, sinA, b, row, 1) == 0) {
                l.ox = origin.x();
                l.oy = origin.y();
                l.angle = angle;
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
        double best = 1e18;
        QPointF bestOrigin = line.pointAt(middle) - down * (kLine / 2 + 2);
        double bestAngle = angle;
        bool placed = false;
        auto tryCandidates = [&]() {
            ranked.clear();
            for (std::size_t c = 0; c < candidates.size(); ++c)
                ranked.emplace_back(candidates[c].cost, int(c));
            std::sort(ranked.begin(), ranked.end());
            int tried = 0;
            for (const auto &rank : ranked) {
                const Candidate &c = candidates[std::size_t(rank.second)];
                // The rest cost more before any arrow is counted; and past a dozen free places
                // in a dense stretch, the best of those will do.
                if (c.cost >= best || tried == 12)
                    break;
                const double a = c.flat ? 0.0 : angle;
                origin = c.flat ? line.pointAt(c.f) + QPointF(c.side * (w / 2 + 8), 0)
                                : line.pointAt(c.f) +
                                      down * (c.side * (kLine / 2 + 2 + c.level * (kLine + 2)));
                const TextBoard::Box quad = c.flat ? TextBoard::Box(rect, origin)
                                                   : TextBoard::Box(rect, origin, cosA, sinA);
                const QRectF &bounds = quad.bounds;
                // Inside the diagram, below its header (which stays over the body as it
                // scrolls).
                if (bounds.left() < 0 || bounds.right() > m_width ||
                    bounds.top() < headerHeight() + 2 || board.hits(quad))
                    continue;
                ++tried;
                // Arrows through it, counted only as far as they could still make it the best.
                const int limit =
                    best > 1e9 ? 1000 : int(std::ceil((best - c.cost) / 10.0)) + 1;
                double cost = c.cost + 10.0 * board.linesThrough(rect, origin,
                                                                 c.flat ? 1.0 : cosA,
                                                                 c.flat ? 0.0 : sinA, bounds,
                                                                 row, std::max(1, limit));
                if (bounds.left() < left - 1 || bounds.right() > right + 1)
                    cost += 20; // over a lifeline's band
                if (cost < best) {
                    best = cost;
                    bestOrigin = origin;
                    bestAngle = a;
                    placed = true;
                }
            }
        };
        tryCandidates();
        if (!placed && !unplaced) {
            // A section of a long run cannot give the instant more room (its instants are
            // where they are for the sections not placed yet): further lines from the arrow.
            candidates.clear();
            for (int k = 0; k <= 12; ++k) {
                const double f = std::clamp(middle + (k % 2 ? 1 : -1) * ((k + 1) / 2) * step,
                                            margin, 1 - margin);
                for (int level = 4; level <= kFarthestLevel; ++level)
                    for (const int side : {-1, 1})
                        candidates.push_back({f, side, level, cost(f, side, level)});
            }
            tryCandidates();
        }
        if (!placed && unplaced)
            unplaced->push_back(row);
        l.ox = bestOrigin.x();
        l.oy = bestOrigin.y();
        l.angle = bestAngle;
        const double bestRad = qDegreesToRadians(bestAngle);
        const TextBoard::Box quad(rect, bestOrigin, std::cos(bestRad), std::sin(bestRad));
        board.add(quad);
        reachOf(quad.bounds);
    }
    if (unplaced)
        std::sort(unplaced->begin(), unplaced->end());
}

void SequenceScene::makeSections()
{
    m_sections.clear();
    m_seams.clear();
    const int n = rowCount();
    // The widest character a label can have, and so how far beyond its arrow a label can be:
    // its region's bound (regionPad()).
    {
        const QFontMetricsF fm(m_widths->font());
        m_widestChar = 0;
        const QString all = QStringLiteral("0123456789 =+seqacklnSYNACKFINRSTPSHURGECEW") +
                            m_rtxSuffix + m_droppedSuffix;
        for (const QChar c : all)
            m_widestChar = std::max(m_widestChar, fm.horizontalAdvance(c));
        m_widestChar = std::ceil(m_widestChar * 1.1); // and any kerning that widens
    }
    m_regionReach = 0;
    for (int row = 0; row < n; ++row) {
        if (event(row).type == EventType::Segment)
            m_regionReach = std::max(m_regionReach, regionPad(row));
    }
    // What a painter must look for beyond a strip: the texts beside the lifelines', and any
    // label's.
    m_textReach = std::max(m_textReach, m_regionReach);
    // Cuts between two instants, some kSectionRows rows apart.
    std::vector<int> cuts;
    for (int at = kSectionRows; at < n; at += kSectionRows) {
        while (at < n && event(at).t == event(at - 1).t)
            ++at;
        if (at < n)
            cuts.push_back(at);
    }
    // For each cut: how low the rows before it reach (their regions' lowest bottom), and how
    // high those from it (the highest top). Its seam is the rows before it that reach below
    // the latter, and those from it that reach above the former.
    const std::size_t m = cuts.size();
    std::vector<double> above(m, -1e300), below(m, 1e300);
    double lowest = -1e300;
    std::size_t c = 0;
    for (int row = 0; row < n && c < m; ++row) {
        while (c < m && cuts[c] == row)
            above[c++] = lowest;
        if (event(row).type == EventType::Segment)
            lowest = std::max(lowest, segmentRegion(row).second);
    }
    double highest = 1e300;
    c = m;
    for (int row = n - 1; row >= 0 && c > 0; --row) {
        if (event(row).type == EventType::Segment)
            highest = std::min(highest, segmentRegion(row).first);
        while (c > 0 && cuts[c - 1] == row)
            below[--c] = highest;
    }
    // The seam of each cut; a cut is made only if its seam stays between the middles of the
    // stretches before and after it, so that no two seams meet.
    std::vector<Seam> seams;
    std::vector<int> made;
    for (std::size_t j = 0; j < m; ++j) {
        const int at = cuts[j];
        Seam seam;
        seam.top = 1e300;
        seam.bottom = -1e300;
        auto take = [&](int row) {
            if (event(row).type != EventType::Segment)
                return;
            const auto region = segmentRegion(row);
            if (row < at ? region.second < below[j] : region.first > above[j])
                return;
            seam.rows.push_back(row);
            seam.top = std::min(seam.top, region.first);
            seam.bottom = std::max(seam.bottom, region.second);
        };
        // Back from the cut while a short row could still reach below[j], on from it while
        // one could still reach above[j]; the long rows wherever they are.
        const qint64 backTo = time(below[j] - m_regionReach) - m_shortSpan - 2;
        for (int r = at - 1; r >= 0 && event(r).t >= backTo; --r)
            take(r);
        const qint64 onTo = time(above[j] + m_regionReach) + m_shortSpan + 2;
        for (int r = at; r < n && event(r).t <= onTo; ++r)
            take(r);
        for (const int row : m_longRows)
            take(row);
        std::sort(seam.rows.begin(), seam.rows.end());
        seam.rows.erase(std::unique(seam.rows.begin(), seam.rows.end()), seam.rows.end());
        const double from = j == 0 ? -1e300 : (y(event(cuts[j - 1]).t) + y(event(at).t)) / 2;
        const double to = j + 1 == m ? 1e300 : (y(event(at).t) + y(event(cuts[j + 1]).t)) / 2;
        if (!seam.rows.empty() && (seam.top <= from || seam.bottom >= to))
            continue; // it would reach another cut's seam: no cut here
        made.push_back(at);
        seams.push_back(std::move(seam));
    }
    int first = 0;
    for (const int at : made) {
        Section s;
        s.first = first;
        s.last = at;
        m_sections.push_back(std::move(s));
        first = at;
    }
    Section last;
    last.first = first;
    last.last = n;
    m_sections.push_back(std::move(last));
    m_seams = std::move(seams);
}

std::size_t SequenceScene::sectionOf(int row) const
{
    const auto it = std::upper_bound(m_sections.begin(), m_sections.end(), row,
                                     [](int r, const Section &s) { return r < s.first; });
    return std::size_t(it - m_sections.begin()) - 1;
}

SequenceScene::Label *SequenceScene::slot(int row) const
{
    Section &s = m_sections[sectionOf(row)];
    if (s.labels.empty())
        s.labels.resize(std::size_t(s.last - s.first));
    return &s.labels[std::size_t(row - s.first)];
}

void SequenceScene::fillBoard(TextBoard &board, double top, double bottom) const
{
    // The texts beside the lifelines, the calls' dotted lines, the bracket's labels.
    auto it = std::lower_bound(m_fixed.begin(), m_fixed.end(), top - m_fixedTallest - 1,
                               [](const TextBoard::Box &b, double y) { return b.bounds.top() < y; });
    for (; it != m_fixed.end() && it->bounds.top() <= bottom; ++it)
        board.add(*it);
    // The arrows, and the lost segments' crosses.
    forRowsNear(top, bottom, 0, [&](int row) {
        if (event(row).type != EventType::Segment)
            return;
        const QLineF line = segmentLine(row);
        if (std::max(line.y1(), line.y2()) + 9 < top || std::min(line.y1(), line.y2()) - 9 > bottom)
            return;
        board.addLine(line, row);
        if (event(row).dropped) // the cross where it was lost: no label over it
            board.add(TextBoard::Box(QRectF(line.x2() - 8, line.y2() - 8, 16, 16)));
    });
}

void SequenceScene::placeSeam(std::size_t index, TextWidths &widths) const
{
    Seam &seam = m_seams[index];
    if (seam.placed)
        return;
    seam.placed = true;
    if (seam.rows.empty())
        return;
    TextBoard board(seam.top);
    fillBoard(board, seam.top, seam.bottom);
    std::vector<Label *> out;
    for (const int row : seam.rows)
        out.push_back(slot(row));
    placeSegmentLabels(board, seam.rows, out, nullptr, nullptr, widths);
}

void SequenceScene::placeSection(std::size_t index, TextWidths &widths) const
{
    if (m_sections[index].placed)
        return;
    // Its seams first: its own labels must not cover theirs.
    std::vector<std::size_t> seams;
    if (index > 0)
        seams.push_back(index - 1);
    if (index < m_seams.size())
        seams.push_back(index);
    for (const std::size_t s : seams)
        placeSeam(s, widths);
    Section &section = m_sections[index];
    std::vector<int> rows;
    double top = 1e300, bottom = -1e300;
    for (int row = section.first; row < section.last; ++row) {
        if (event(row).type != EventType::Segment)
            continue;
        bool seamRow = false;
        for (const std::size_t s : seams)
            seamRow = seamRow || std::binary_search(m_seams[s].rows.begin(),
                                                    m_seams[s].rows.end(), row);
        if (seamRow)
            continue;
        rows.push_back(row);
        const auto region = segmentRegion(row);
        top = std::min(top, region.first);
        bottom = std::max(bottom, region.second);
    }
    section.placed = true;
    if (rows.empty())
        return;
    TextBoard board(top);
    fillBoard(board, top, bottom);
    for (const std::size_t s : seams) {
        for (const int row : m_seams[s].rows) {
            const Label &l = *slot(row);
            const double rad = qDegreesToRadians(l.angle);
            board.add(TextBoard::Box(QRectF(-l.width / 2, -kLine / 2, l.width, kLine),
                                     QPointF(l.ox, l.oy), std::cos(rad), std::sin(rad)));
        }
    }
    std::vector<Label *> out;
    for (const int row : rows)
        out.push_back(slot(row));
    placeSegmentLabels(board, rows, out, nullptr, nullptr, widths);
}

const SequenceScene::Label *SequenceScene::label(int row) const
{
    if (m_sections.empty() || row < 0 || row >= rowCount())
        return nullptr;
    const std::size_t index = sectionOf(row);
    const Section &s = m_sections[index];
    if (!s.labels.empty() && s.labels[std::size_t(row - s.first)].placed)
        return &s.labels[std::size_t(row - s.first)];
    placeSection(index, *m_widths);
    if (s.labels.empty() || !s.labels[std::size_t(row - s.first)].placed)
        return nullptr; // (a row that is no segment)
    return &s.labels[std::size_t(row - s.first)];
}

void SequenceScene::placeAllLabels(int threads) const
{
    if (m_sections.size() < 2)
        return; // a run placed whole (or not laid out)
    // Every section's room for its labels first: the threads then only write the rows they
    // place. The seams first, then the sections (which place against their seams): a seam's
    // rows and a section's are its own, and what they read is not written meanwhile.
    for (Section &s : m_sections) {
        if (s.labels.empty())
            s.labels.resize(std::size_t(s.last - s.first));
    }
    if (threads <= 0)
        threads = std::max(1, QThread::idealThreadCount());
    threads = int(std::min<std::size_t>(std::size_t(threads), m_sections.size()));
    // Each thread takes the next item and measures in its own TextWidths (a font's metrics
    // are not shared between threads). Every seam is placed before any section: a section
    // reads its seams' labels.
    const QFont font = m_widths->font();
    auto inParallel = [&](std::size_t count, auto place) {
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            TextWidths widths(font);
            for (std::size_t i; (i = next.fetch_add(1)) < count;)
                place(i, widths);
        };
        PaintThreads helpers(threads - 1, work);
        work();
    };
    inParallel(m_seams.size(), [this](std::size_t i, TextWidths &w) { placeSeam(i, w); });
    inParallel(m_sections.size(), [this](std::size_t i, TextWidths &w) { placeSection(i, w); });
}
