#pragma once
// A paint device that writes SVG as it is painted on: every picture TCP Lab exports as SVG
// (the diagrams, the slides, the plots) is painted by the renderers the views use, on this.
//
// Why not QSvgGenerator: it keeps the whole document in a QString until the painter ends and
// formats every number through QLocale; a 100,000-event sequence diagram took 6 s and a
// gigabyte of memory, half of it in that (issue "A million events": under 2 s, memory
// independent of the length). This writer streams UTF-8 to the device in blocks of 256 KiB,
// formats numbers itself, and writes a style only where it differs from the default, so the
// file is about a third of QSvgGenerator's.
//
// What it draws: paths, polygons and polylines, lines, rectangles, ellipses, points, text (as
// <text>, in the font family the text was really drawn in, then CJK and generic fallbacks, so
// the file looks like the screen wherever it opens), images (embedded PNG), solid pens and
// brushes with their alpha, dash patterns, caps and joins, cosmetic pens, the painter's
// transform, its opacity and its clipping (a <clipPath> of the clip in device coordinates).
// Gradients and pattern brushes are drawn in their first colour (nothing TCP Lab paints uses
// them).

#include <QPaintDevice>
#include <QSize>
#include <QString>

#include <memory>

class QIODevice;
class SvgPaintEngine;

class SvgWriter : public QPaintDevice {
public:
    // A whole document, or only the drawing of a part of one (no header, no end): parts
    // painted on several threads, then written one after the other into a document's body.
    enum class Content { Document, Body };
    // The picture is size pixels (width and height in CSS pixels, its viewBox the same).
    SvgWriter(QIODevice *out, QSize size, Content content = Content::Document);
    ~SvgWriter() override;
    SvgWriter(const SvgWriter &) = delete;
    SvgWriter &operator=(const SvgWriter &) = delete;

    // Written in the header: set before a painter begins.
    void setTitle(const QString &title);
    void setDescription(const QString &description);

    QSize size() const { return m_size; }
    // A part's drawing (written by a writer of Content::Body), into this document's body
    // after what is painted so far. False if the write failed.
    bool writeBody(const QByteArray &drawing);
    // False once a write to the device has failed (what is painted after that is dropped).
    bool ok() const;
    // Bytes written so far (the painter ended: the whole file).
    qint64 bytesWritten() const;

    QPaintEngine *paintEngine() const override;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    friend class SvgPaintEngine;
    QIODevice *m_out;
    QSize m_size;
    Content m_content;
    QString m_title;
    QString m_description;
    std::unique_ptr<SvgPaintEngine> m_engine;
};
