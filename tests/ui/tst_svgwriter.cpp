// The SVG writer every SVG export paints on: what it writes is read back by Qt's own SVG
// renderer (another program's reading of the file) and compared, pixel for pixel within the
// antialiasing, with the same painting on an image.
#include "ui/export/svgwriter.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>
#include <QTest>
#include <QXmlStreamReader>

#include <functional>

namespace {

using Paint = std::function<void(QPainter &)>;

QByteArray svgOf(QSize size, const Paint &paint, bool *ok = nullptr)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    SvgWriter svg(&buffer, size);
    svg.setTitle(QStringLiteral("test <1> & \"2\""));
    QPainter p(&svg);
    p.setRenderHint(QPainter::Antialiasing);
    paint(p);
    const bool ended = p.end();
    if (ok)
        *ok = ended && svg.ok();
    return buffer.data();
}

QImage raster(QSize size, const Paint &paint)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    paint(p);
    return image;
}

QImage rendered(const QByteArray &svg, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QSvgRenderer renderer(svg);
    if (!renderer.isValid())
        return {};
    QPainter p(&image);
    renderer.render(&p);
    return image;
}

// The share of pixels whose colour differs by more than tolerance in some channel.
double differing(const QImage &a, const QImage &b, int tolerance = 96)
{
    if (a.size() != b.size())
        return 1;
    qint64 n = 0;
    for (int y = 0; y < a.height(); ++y) {
        const QRgb *l = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const QRgb *r = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int d = std::max({std::abs(qRed(l[x]) - qRed(r[x])),
                                    std::abs(qGreen(l[x]) - qGreen(r[x])),
                                    std::abs(qBlue(l[x]) - qBlue(r[x]))});
            n += d > tolerance;
        }
    }
    return double(n) / (qint64(a.width()) * a.height());
}

// How many pixels are far from white: a picture that draws nothing must not pass.
qint64 inked(const QImage &image)
{
    qint64 n = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *l = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            n += qGray(l[x]) < 200;
    }
    return n;
}

bool wellFormed(const QByteArray &svg, QString *error)
{
    QXmlStreamReader xml(svg);
    while (!xml.atEnd())
        xml.readNext();
    *error = xml.errorString();
    return !xml.hasError();
}

} // namespace

class TestSvgWriter : public QObject {
    Q_OBJECT

private:
    void compare(const char *what, const Paint &paint, double allowed = 0.01)
    {
        const QSize size(240, 160);
        bool ok = false;
        const QByteArray svg = svgOf(size, paint, &ok);
        QVERIFY2(ok, what);
        QString error;
        QVERIFY2(wellFormed(svg, &error), qPrintable(QLatin1String(what) + ": " + error));
        const QImage expected = raster(size, paint);
        const QImage got = rendered(svg, size);
        QVERIFY2(!got.isNull(), what);
        QVERIFY2(inked(expected) > 100, what);
        const double d = differing(expected, got);
        if (d > allowed) {
            expected.save(QStringLiteral("/tmp/svgwriter-%1-expected.png").arg(QLatin1String(what)));
            got.save(QStringLiteral("/tmp/svgwriter-%1-got.png").arg(QLatin1String(what)));
        }
        QVERIFY2(d <= allowed,
                 qPrintable(QStringLiteral("%1: %2% of pixels differ\n%3")
                                .arg(QLatin1String(what))
                                .arg(d * 100)
                                .arg(QString::fromUtf8(svg.left(3000)))));
    }

private Q_SLOTS:
    void shapesDrawAsOnAnImage()
    {
        compare("rects", [](QPainter &p) {
            p.setPen(QPen(QColor(20, 60, 200), 3));
            p.setBrush(QColor(250, 160, 40));
            p.drawRect(QRectF(10, 10, 100, 60));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRect(130, 20, 80, 100));
            p.fillRect(QRectF(20, 100, 60, 40), QColor(0, 140, 0));
        });
        compare("ellipses-and-rounded", [](QPainter &p) {
            p.setPen(QPen(Qt::black, 2));
            p.setBrush(QColor(120, 180, 255));
            p.drawEllipse(QPointF(60, 60), 40, 30);
            p.drawRoundedRect(QRectF(120, 40, 100, 80), 12, 12);
        });
        compare("paths-and-polygons", [](QPainter &p) {
            QPainterPath path;
            path.moveTo(10, 150);
            path.cubicTo(60, 0, 120, 160, 230, 20);
            p.setPen(QPen(QColor(200, 0, 0), 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawPath(path);
            const QPointF arrow[] = {{100, 100}, {140, 120}, {100, 140}};
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::darkBlue);
            p.drawPolygon(arrow, 3);
            const QPointF zig[] = {{10, 10}, {40, 40}, {70, 10}, {100, 40}};
            p.setPen(QPen(Qt::darkGreen, 3));
            p.drawPolyline(zig, 4);
        });
        compare("dashes-and-lines", [](QPainter &p) {
            p.setPen(QPen(Qt::black, 2, Qt::DashLine));
            p.drawLine(QPointF(20, 10), QPointF(20, 150));
            p.setPen(QPen(Qt::black, 1, Qt::DotLine));
            p.drawLine(QPointF(60, 10), QPointF(60, 150));
            p.setPen(QPen(QColor(0, 0, 180), 3, Qt::SolidLine, Qt::FlatCap));
            p.drawLine(QLineF(80, 20, 220, 140));
            p.drawLine(QLine(80, 140, 220, 20));
        });
        compare("transform-opacity-alpha", [](QPainter &p) {
            p.save();
            p.translate(120, 80);
            p.rotate(30);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0, 0, 200));
            p.drawRect(QRectF(-60, -15, 120, 30));
            p.restore();
            p.setOpacity(0.5);
            p.fillRect(QRectF(10, 10, 80, 80), Qt::red);
            p.setOpacity(1);
            p.fillRect(QRectF(150, 90, 80, 60), QColor(0, 160, 0, 128));
        });
        compare("text", [](QPainter &p) {
            QFont font = p.font();
            font.setPixelSize(18);
            p.setFont(font);
            p.setPen(Qt::black);
            p.drawText(QPointF(10, 40), QStringLiteral("SYN seq=0"));
            font.setBold(true);
            p.setFont(font);
            p.setPen(QColor(180, 0, 0));
            p.drawText(QRectF(10, 60, 220, 30), Qt::AlignCenter, QStringLiteral("ESTABLISHED"));
            p.save();
            p.translate(40, 150);
            p.rotate(-20);
            p.drawText(QPointF(0, 0), QStringLiteral("ACK ack=1"));
            p.restore();
        }, 0.03);
    }

    void textIsTextEscapedAndInAPortableFamily()
    {
        const QByteArray svg = svgOf(QSize(300, 100), [](QPainter &p) {
            p.drawText(QPointF(10, 30), QStringLiteral("recv() = 0 <EOF> & \"done\""));
            p.drawText(QPointF(10, 60), QStringLiteral("半关闭：收到 FIN"));
            p.drawText(QPointF(10, 90), QStringLiteral("bell\x07 here"));
        });
        QString error;
        QVERIFY2(wellFormed(svg, &error), qPrintable(error));
        QVERIFY(svg.contains(">recv() = 0 &lt;EOF&gt; &amp; &quot;done&quot;</text>"));
        // (Qt hands the Chinese and the Latin of a line over as items of their own.)
        QVERIFY(svg.contains(QStringLiteral(">半关闭：收到").toUtf8()));
        QVERIFY(svg.contains(">bell here</text>"));
        QVERIFY(svg.contains("<title>test &lt;1&gt; &amp; &quot;2&quot;</title>"));
        QCOMPARE(svg.count("font-family="), svg.count(", sans-serif\""));
        QVERIFY(svg.count("font-family=") >= 3);
        QVERIFY(!svg.contains("font-family=\"Sans Serif\""));
        QVERIFY(svg.contains("viewBox=\"0 0 300 100\""));
    }

    // Qt's SVG renderer (6.4) ignores clip paths, so the clip is checked as written: the
    // painter's clip in device coordinates, around what is drawn while it holds (Chromium
    // showed this file clipped as the image is).
    void clipIsAGroupInDeviceCoordinates()
    {
        const QByteArray svg = svgOf(QSize(240, 160), [](QPainter &p) {
            p.save();
            p.setClipRect(QRectF(40, 40, 100, 60));
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::darkMagenta);
            p.drawEllipse(QPointF(90, 70), 80, 60);
            p.drawEllipse(QPointF(90, 70), 20, 10);
            p.restore();
            p.save();
            p.translate(160, 20);
            p.setClipRect(QRectF(0, 0, 40, 40)); // in the translated frame
            p.fillRect(QRectF(-20, -20, 100, 100), Qt::darkCyan);
            p.restore();
            p.fillRect(QRectF(10, 130, 30, 20), Qt::black); // after the clip: drawn whole
        });
        QString error;
        QVERIFY2(wellFormed(svg, &error), qPrintable(error));
        const QByteArray body = svg.mid(svg.indexOf("<clipPath"));
        const QList<QByteArray> lines = body.trimmed().split('\n');
        QCOMPARE(lines.size(), 11);
        QCOMPARE(lines[0], "<clipPath id=\"clip1\"><path d=\"M40 40L140 40L140 100L40 100L40 40\" "
                           "clip-rule=\"evenodd\"/></clipPath>");
        QCOMPARE(lines[1], "<g clip-path=\"url(#clip1)\">");
        QVERIFY(lines[2].startsWith("<ellipse cx=\"90\" cy=\"70\" rx=\"80\""));
        QVERIFY(lines[3].startsWith("<ellipse cx=\"90\" cy=\"70\" rx=\"20\""));
        QCOMPARE(lines[4], "</g>");
        QVERIFY(lines[5].startsWith("<clipPath id=\"clip2\"><path d=\"M160 20L200 20L200 60L160 60"));
        QCOMPARE(lines[6], "<g clip-path=\"url(#clip2)\">");
        QVERIFY(lines[7].contains("transform=\"translate(160 20)\""));
        QCOMPARE(lines[8], "</g>");
        QVERIFY(lines[9].startsWith("<rect x=\"10\" y=\"130\""));
        QCOMPARE(lines[10], "</svg>");
    }

    void writtenAsItIsPainted()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        SvgWriter svg(&buffer, QSize(100, 100000));
        QPainter p(&svg);
        p.setPen(Qt::black);
        for (int i = 0; i < 20000; ++i)
            p.drawLine(QPointF(0, i * 5), QPointF(100, i * 5 + 3));
        // Before the painter ends, most of it is in the device already.
        QVERIFY(svg.bytesWritten() > 0);
        QCOMPARE(svg.bytesWritten(), qint64(buffer.size()));
        QVERIFY(buffer.size() > 500'000);
        QVERIFY(p.end());
        QVERIFY(svg.ok());
        QCOMPARE(svg.bytesWritten(), qint64(buffer.size()));
        QVERIFY(buffer.data().endsWith("</svg>\n"));
        QCOMPARE(buffer.data().count("<line"), qsizetype(20000));
    }

    void aFailedWriteIsReported()
    {
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        SvgWriter svg(&readOnly, QSize(10, 10));
        QPainter p;
        QVERIFY(!p.begin(&svg) || !p.end());
        QVERIFY(!svg.ok());
    }
};

QTEST_MAIN(TestSvgWriter)
#include "tst_svgwriter.moc"
