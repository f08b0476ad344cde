#include "ui/export/svgwriter.h"

#include <QBuffer>
#include <QFontInfo>
#include <QHash>
#include <QIODevice>
#include <QImage>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QTextItem>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr std::size_t kFlushAt = 256 * 1024;

// Text escaped for XML content or an attribute's value; characters XML does not allow (C0
// controls but tab, newline, return) are left out.
void appendEscaped(std::string &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                break;
            out += c;
        }
    }
}

// A coordinate to a hundredth of a pixel, without trailing zeros: "12", "12.5", "-0.25".
void appendNumber(std::string &out, double v)
{
    if (!std::isfinite(v)) {
        out += '0';
        return;
    }
    long long n = std::llround(v * 100);
    if (n < 0) {
        out += '-';
        n = -n;
    }
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n / 100).ptr;
    out.append(digits, std::size_t(end - digits));
    const int frac = int(n % 100);
    if (frac != 0) {
        out += '.';
        out += char('0' + frac / 10);
        if (frac % 10 != 0)
            out += char('0' + frac % 10);
    }
}

// A transform's coefficient, with the precision a turn needs across a picture thousands of
// pixels wide.
void appendCoefficient(std::string &out, double v)
{
    char digits[32];
    const auto end =
        std::to_chars(digits, digits + sizeof digits, std::abs(v) < 1e-12 ? 0.0 : v,
                      std::chars_format::general, 8)
            .ptr;
    out.append(digits, std::size_t(end - digits));
}

void appendColor(std::string &out, const QColor &c)
{
    static const char hex[] = "0123456789abcdef";
    const int rgb[3] = {c.red(), c.green(), c.blue()};
    out += '#';
    for (const int v : rgb) {
        out += hex[v >> 4];
        out += hex[v & 15];
    }
}

void appendAttribute(std::string &out, const char *name, double v)
{
    out += ' ';
    out += name;
    out += "=\"";
    appendNumber(out, v);
    out += '"';
}

// The family the text is really drawn in (Qt's "Sans Serif" is a name only fontconfig knows),
// then the faces that have Chinese and a generic family: a browser without the first still
// shows the text alike.
const std::string &portableFamily(const QFont &font)
{
    thread_local QHash<QString, std::string> resolved; // (parts are painted on several threads)
    const QString requested = font.family();
    auto it = resolved.constFind(requested);
    if (it == resolved.constEnd()) {
        QStringList families{QFontInfo(font).family(), QStringLiteral("Noto Sans CJK SC"),
                             QStringLiteral("DejaVu Sans")};
        families.removeDuplicates();
        std::string value;
        for (const QString &f : families) {
            value += '\'';
            appendEscaped(value, f);
            value += "', ";
        }
        value += "sans-serif";
        it = resolved.insert(requested, value);
    }
    return *it;
}

} // namespace

class SvgPaintEngine : public QPaintEngine {
public:
    explicit SvgPaintEngine(SvgWriter *device)
        : QPaintEngine(AllFeatures & ~(PatternBrush | PerspectiveTransform | ConicalGradientFill |
                                       PorterDuff | BlendModes | RasterOpModes))
        , m_device(device)
    {
    }

    bool begin(QPaintDevice *) override
    {
        m_ok = m_device->m_out && m_device->m_out->isWritable();
        m_pen = QPen();
        m_brush = QBrush();
        m_transform = QTransform();
        m_opacity = 1;
        m_clipOpen = false;
        m_clip = QPainterPath();
        styleChanged();
        setActive(true);
        if (m_device->m_content == SvgWriter::Content::Body)
            return m_ok;
        const QSize size = m_device->m_size;
        m_buf += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                 "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"";
        appendAttribute(m_buf, "width", size.width());
        appendAttribute(m_buf, "height", size.height());
        m_buf += " viewBox=\"0 0 ";
        appendNumber(m_buf, size.width());
        m_buf += ' ';
        appendNumber(m_buf, size.height());
        m_buf += "\">\n";
        if (!m_device->m_title.isEmpty()) {
            m_buf += "<title>";
            appendEscaped(m_buf, m_device->m_title);
            m_buf += "</title>\n";
        }
        if (!m_device->m_description.isEmpty()) {
            m_buf += "<desc>";
            appendEscaped(m_buf, m_device->m_description);
            m_buf += "</desc>\n";
        }
        return m_ok;
    }

    bool end() override
    {
        closeClip();
        if (m_device->m_content == SvgWriter::Content::Document)
            m_buf += "</svg>\n";
        flush();
        setActive(false);
        return m_ok;
    }

    Type type() const override { return QPaintEngine::SVG; }

    void updateState(const QPaintEngineState &state) override
    {
        const DirtyFlags flags = state.state();
        if (flags & DirtyPen)
            m_pen = state.pen();
        if (flags & DirtyBrush)
            m_brush = state.brush();
        if (flags & DirtyTransform)
            m_transform = state.transform();
        if (flags & DirtyOpacity)
            m_opacity = state.opacity();
        if (flags & (DirtyPen | DirtyBrush | DirtyTransform | DirtyOpacity))
            styleChanged();
        if (flags & (DirtyClipPath | DirtyClipRegion | DirtyClipEnabled))
            clipChanged();
    }

    void drawPath(const QPainterPath &path) override
    {
        if (path.isEmpty())
            return;
        m_buf += "<path d=\"";
        for (int i = 0; i < path.elementCount(); ++i) {
            const QPainterPath::Element e = path.elementAt(i);
            switch (e.type) {
            case QPainterPath::MoveToElement: m_buf += 'M'; break;
            case QPainterPath::LineToElement: m_buf += 'L'; break;
            case QPainterPath::CurveToElement: m_buf += 'C'; break;
            case QPainterPath::CurveToDataElement: m_buf += ' '; break;
            }
            appendNumber(m_buf, e.x);
            m_buf += ' ';
            appendNumber(m_buf, e.y);
        }
        m_buf += '"';
        if (path.fillRule() == Qt::OddEvenFill && m_brush.style() != Qt::NoBrush)
            m_buf += " fill-rule=\"evenodd\"";
        shapeEnd();
    }

    void drawPolygon(const QPointF *points, int count, PolygonDrawMode mode) override
    {
        if (count <= 0)
            return;
        m_buf += mode == PolylineMode ? "<polyline points=\"" : "<polygon points=\"";
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                m_buf += ' ';
            appendNumber(m_buf, points[i].x());
            m_buf += ',';
            appendNumber(m_buf, points[i].y());
        }
        m_buf += '"';
        if (mode == OddEvenMode && m_brush.style() != Qt::NoBrush)
            m_buf += " fill-rule=\"evenodd\"";
        shapeEnd(mode == PolylineMode);
    }
    void drawPolygon(const QPoint *points, int count, PolygonDrawMode mode) override
    {
        QPolygonF polygon;
        polygon.reserve(count);
        for (int i = 0; i < count; ++i)
            polygon << QPointF(points[i]);
        drawPolygon(polygon.constData(), count, mode);
    }

    void drawLines(const QLineF *lines, int count) override
    {
        for (int i = 0; i < count; ++i) {
            m_buf += "<line";
            appendAttribute(m_buf, "x1", lines[i].x1());
            appendAttribute(m_buf, "y1", lines[i].y1());
            appendAttribute(m_buf, "x2", lines[i].x2());
            appendAttribute(m_buf, "y2", lines[i].y2());
            shapeEnd(true);
        }
    }
    void drawLines(const QLine *lines, int count) override
    {
        for (int i = 0; i < count; ++i) {
            const QLineF line(lines[i]);
            drawLines(&line, 1);
        }
    }

    void drawRects(const QRectF *rects, int count) override
    {
        for (int i = 0; i < count; ++i) {
            const QRectF r = rects[i].normalized();
            m_buf += "<rect";
            appendAttribute(m_buf, "x", r.x());
            appendAttribute(m_buf, "y", r.y());
            appendAttribute(m_buf, "width", r.width());
            appendAttribute(m_buf, "height", r.height());
            shapeEnd();
        }
    }
    void drawRects(const QRect *rects, int count) override
    {
        for (int i = 0; i < count; ++i) {
            const QRectF r(rects[i]);
            drawRects(&r, 1);
        }
    }

    void drawEllipse(const QRectF &r) override
    {
        m_buf += "<ellipse";
        appendAttribute(m_buf, "cx", r.center().x());
        appendAttribute(m_buf, "cy", r.center().y());
        appendAttribute(m_buf, "rx", std::abs(r.width()) / 2);
        appendAttribute(m_buf, "ry", std::abs(r.height()) / 2);
        shapeEnd();
    }
    void drawEllipse(const QRect &r) override { drawEllipse(QRectF(r)); }

    void drawPoints(const QPointF *points, int count) override
    {
        // A point is a square (a round cap: a disc) of the pen's width, in the pen's colour.
        if (m_pen.style() == Qt::NoPen)
            return;
        const double w = std::max(1.0, m_pen.widthF());
        for (int i = 0; i < count; ++i) {
            const QPointF &p = points[i];
            m_buf += m_pen.capStyle() == Qt::RoundCap ? "<circle" : "<rect";
            if (m_pen.capStyle() == Qt::RoundCap) {
                appendAttribute(m_buf, "cx", p.x());
                appendAttribute(m_buf, "cy", p.y());
                appendAttribute(m_buf, "r", w / 2);
            } else {
                appendAttribute(m_buf, "x", p.x() - w / 2);
                appendAttribute(m_buf, "y", p.y() - w / 2);
                appendAttribute(m_buf, "width", w);
                appendAttribute(m_buf, "height", w);
            }
            m_buf += " fill=\"";
            appendColor(m_buf, m_pen.color());
            m_buf += '"';
            appendAlpha(m_buf, "fill-opacity", m_pen.color());
            m_buf += m_common;
            m_buf += "/>\n";
            flushIfFull();
        }
    }
    void drawPoints(const QPoint *points, int count) override
    {
        for (int i = 0; i < count; ++i) {
            const QPointF p(points[i]);
            drawPoints(&p, 1);
        }
    }

    void drawTextItem(const QPointF &p, const QTextItem &item) override
    {
        const QString text = item.text();
        if (text.isEmpty() || m_pen.style() == Qt::NoPen)
            return;
        const QFont font = item.font();
        m_buf += "<text xml:space=\"preserve\"";
        appendAttribute(m_buf, "x", p.x());
        appendAttribute(m_buf, "y", p.y());
        m_buf += " font-family=\"";
        m_buf += portableFamily(font);
        m_buf += '"';
        const double px = font.pixelSize() > 0
                              ? font.pixelSize()
                              : font.pointSizeF() * m_device->logicalDpiY() / 72.0;
        appendAttribute(m_buf, "font-size", px);
        if (font.weight() != QFont::Normal) {
            m_buf += " font-weight=\"";
            m_buf += std::to_string(int(font.weight()));
            m_buf += '"';
        }
        if (font.style() != QFont::StyleNormal)
            m_buf += " font-style=\"italic\"";
        m_buf += " fill=\"";
        appendColor(m_buf, m_pen.color());
        m_buf += '"';
        appendAlpha(m_buf, "fill-opacity", m_pen.color());
        m_buf += m_common;
        m_buf += '>';
        appendEscaped(m_buf, text);
        m_buf += "</text>\n";
        flushIfFull();
    }

    void drawImage(const QRectF &r, const QImage &image, const QRectF &sr,
                   Qt::ImageConversionFlags) override
    {
        const QImage part = sr == QRectF(image.rect()) ? image : image.copy(sr.toAlignedRect());
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        if (!part.save(&buffer, "PNG"))
            return;
        m_buf += "<image preserveAspectRatio=\"none\"";
        appendAttribute(m_buf, "x", r.x());
        appendAttribute(m_buf, "y", r.y());
        appendAttribute(m_buf, "width", r.width());
        appendAttribute(m_buf, "height", r.height());
        m_buf += " xlink:href=\"data:image/png;base64,";
        const QByteArray base64 = png.toBase64();
        m_buf.append(base64.constData(), std::size_t(base64.size()));
        m_buf += '"';
        m_buf += m_common;
        m_buf += "/>\n";
        flushIfFull();
    }
    void drawPixmap(const QRectF &r, const QPixmap &pixmap, const QRectF &sr) override
    {
        drawImage(r, pixmap.toImage(), sr, Qt::AutoColor);
    }

    bool ok() const { return m_ok; }
    qint64 written() const { return m_written; }
    bool append(const QByteArray &drawing)
    {
        closeClip(); // (the part is drawn as from a painter's start)
        m_buf.append(drawing.constData(), std::size_t(drawing.size()));
        flushIfFull();
        return m_ok;
    }

private:
    static void appendAlpha(std::string &out, const char *name, const QColor &c)
    {
        if (c.alpha() == 255)
            return;
        out += ' ';
        out += name;
        out += "=\"";
        appendCoefficient(out, c.alphaF());
        out += '"';
    }

    // The attributes every element carries, made again only when the painter's state
    // changes: the stroke (all of it, or none), the fill of a shape, the transform, the
    // opacity.
    void styleChanged()
    {
        m_stroke.clear();
        if (m_pen.style() != Qt::NoPen) {
            const QColor color = m_pen.color();
            m_stroke += " stroke=\"";
            appendColor(m_stroke, color);
            m_stroke += '"';
            appendAlpha(m_stroke, "stroke-opacity", color);
            const double width = m_pen.widthF();
            if (width > 0 && width != 1)
                appendAttribute(m_stroke, "stroke-width", width);
            if (width <= 0 || m_pen.isCosmetic())
                m_stroke += " vector-effect=\"non-scaling-stroke\"";
            if (m_pen.style() != Qt::SolidLine) {
                // Qt's pattern is in pen widths (a cosmetic or hairline pen: pixels).
                const double unit = std::max(1.0, width);
                m_stroke += " stroke-dasharray=\"";
                const QList<qreal> dashes = m_pen.dashPattern();
                for (int i = 0; i < dashes.size(); ++i) {
                    if (i > 0)
                        m_stroke += ',';
                    appendNumber(m_stroke, dashes[i] * unit);
                }
                m_stroke += '"';
                if (m_pen.dashOffset() != 0)
                    appendAttribute(m_stroke, "stroke-dashoffset", m_pen.dashOffset() * unit);
            }
            switch (m_pen.capStyle()) {
            case Qt::SquareCap: m_stroke += " stroke-linecap=\"square\""; break;
            case Qt::RoundCap: m_stroke += " stroke-linecap=\"round\""; break;
            default: break; // flat: SVG's butt, its default
            }
            switch (m_pen.joinStyle()) {
            case Qt::BevelJoin: m_stroke += " stroke-linejoin=\"bevel\""; break;
            case Qt::RoundJoin: m_stroke += " stroke-linejoin=\"round\""; break;
            default:
                if (m_pen.miterLimit() != 4)
                    appendAttribute(m_stroke, "stroke-miterlimit", m_pen.miterLimit());
                break; // miter: SVG's default
            }
        }
        m_fill.clear();
        if (m_brush.style() == Qt::NoBrush) {
            m_fill = " fill=\"none\"";
        } else {
            // A gradient or a pattern in its first colour (TCP Lab paints none).
            QColor color = m_brush.color();
            if (const QGradient *g = m_brush.gradient(); g && !g->stops().isEmpty())
                color = g->stops().constFirst().second;
            m_fill = " fill=\"";
            appendColor(m_fill, color);
            m_fill += '"';
            appendAlpha(m_fill, "fill-opacity", color);
        }
        m_common.clear();
        if (!m_transform.isIdentity()) {
            const QTransform &t = m_transform;
            if (t.type() == QTransform::TxTranslate) {
                m_common += " transform=\"translate(";
                appendNumber(m_common, t.dx());
                m_common += ' ';
                appendNumber(m_common, t.dy());
            } else {
                m_common += " transform=\"matrix(";
                const double m[6] = {t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy()};
                for (int i = 0; i < 6; ++i) {
                    if (i > 0)
                        m_common += ' ';
                    appendCoefficient(m_common, m[i]);
                }
            }
            m_common += ")\"";
        }
        if (m_opacity < 1) {
            m_common += " opacity=\"";
            appendCoefficient(m_common, std::max(0.0, m_opacity));
            m_common += '"';
        }
    }

    // The end of a shape's element: its fill (an open line: none), stroke, transform.
    void shapeEnd(bool open = false)
    {
        m_buf += open ? std::string_view(" fill=\"none\"") : std::string_view(m_fill);
        m_buf += m_stroke;
        m_buf += m_common;
        m_buf += "/>\n";
        flushIfFull();
    }

    // What follows is drawn in a group clipped to the painter's clip, taken to the device's
    // coordinates (the elements' own transforms are inside the group).
    void clipChanged()
    {
        QPainter *p = painter();
        const bool clipping = p && p->hasClipping();
        const QPainterPath clip = clipping ? p->transform().map(p->clipPath()) : QPainterPath();
        // A painter's restore() says the clip changed when it is the same: a group each time
        // would bloat the file.
        if (clipping == m_clipOpen && clip == m_clip)
            return;
        closeClip();
        m_clip = clip;
        if (!clipping)
            return;
        const std::string id = "clip" + std::to_string(++m_clips);
        m_buf += "<clipPath id=\"" + id + "\"><path d=\"";
        for (int i = 0; i < clip.elementCount(); ++i) {
            const QPainterPath::Element e = clip.elementAt(i);
            m_buf += e.isMoveTo() ? 'M' : e.isLineTo() ? 'L' : e.isCurveTo() ? 'C' : ' ';
            appendNumber(m_buf, e.x);
            m_buf += ' ';
            appendNumber(m_buf, e.y);
        }
        m_buf += '"';
        if (clip.fillRule() == Qt::OddEvenFill)
            m_buf += " clip-rule=\"evenodd\"";
        m_buf += "/></clipPath>\n<g clip-path=\"url(#" + id + ")\">\n";
        m_clipOpen = true;
    }
    void closeClip()
    {
        if (m_clipOpen)
            m_buf += "</g>\n";
        m_clipOpen = false;
    }

    void flushIfFull()
    {
        if (m_buf.size() >= kFlushAt)
            flush();
    }
    void flush()
    {
        if (m_ok && !m_buf.empty()) {
            const qint64 n = m_device->m_out->write(m_buf.data(), qint64(m_buf.size()));
            m_ok = n == qint64(m_buf.size());
            m_written += std::max<qint64>(0, n);
        }
        m_buf.clear(); // the capacity stays: the next block is written in the same memory
    }

    SvgWriter *m_device;
    std::string m_buf;
    bool m_ok = true;
    qint64 m_written = 0;
    QPen m_pen;
    QBrush m_brush;
    QTransform m_transform;
    double m_opacity = 1;
    std::string m_stroke, m_fill, m_common;
    bool m_clipOpen = false;
    QPainterPath m_clip; // what the open group clips to
    int m_clips = 0;
};

SvgWriter::SvgWriter(QIODevice *out, QSize size, Content content)
    : m_out(out)
    , m_size(size)
    , m_content(content)
    , m_engine(std::make_unique<SvgPaintEngine>(this))
{
}

SvgWriter::~SvgWriter() = default;

void SvgWriter::setTitle(const QString &title)
{
    m_title = title;
}

void SvgWriter::setDescription(const QString &description)
{
    m_description = description;
}

bool SvgWriter::writeBody(const QByteArray &drawing)
{
    return m_engine->append(drawing);
}

bool SvgWriter::ok() const
{
    return m_engine->ok();
}

qint64 SvgWriter::bytesWritten() const
{
    return m_engine->written();
}

QPaintEngine *SvgWriter::paintEngine() const
{
    return m_engine.get();
}

int SvgWriter::metric(PaintDeviceMetric metric) const
{
    switch (metric) {
    case PdmWidth: return m_size.width();
    case PdmHeight: return m_size.height();
    case PdmWidthMM: return qRound(m_size.width() * 25.4 / 96);
    case PdmHeightMM: return qRound(m_size.height() * 25.4 / 96);
    case PdmNumColors: return 0x7fffffff;
    case PdmDepth: return 32;
    case PdmDpiX:
    case PdmDpiY:
    case PdmPhysicalDpiX:
    case PdmPhysicalDpiY: return 96; // CSS pixels: a browser shows the picture at its size
    case PdmDevicePixelRatio: return 1;
    case PdmDevicePixelRatioScaled: return int(devicePixelRatioFScale());
    default: return QPaintDevice::metric(metric);
    }
}
