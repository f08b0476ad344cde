// File > Export for slides (issue 10): the dialog's choices, their sizes and memory; the app's
// "Whole run" export is byte for byte (SVG) and pixel for pixel (PNG) what `tcplab-cli export`
// writes for the same trace and size, whatever the window shows; "As on screen" has the
// playhead. Offscreen, settings in a file of the test's own.
#include "exportcommandrun.h"
#include "ui/common/traceloader.h"
#include "ui/export/diagramexporter.h"
#include "ui/export/orderedparallel.h"
#include "ui/export/pngstream.h"
#include "ui/sequence/sequencediagrampainter.h"
#include "ui/sequence/sequencescene.h"
#include "tcp/segment.h"
#include "ui/export/exportchoice.h"
#include "ui/export/svgwriter.h"
#include "ui/export/exportdialog.h"
#include "ui/export/exportviews.h"
#include "ui/sequence/sequencediagramview.h"
#include "ui/window/appsettings.h"
#include "ui/window/languagemanager.h"
#include "ui/window/mainwindow.h"

#include "model/eventtext.h"
#include "model/playhead.h"
#include "model/tracemodel.h"

#include <QBuffer>
#include <QPainter>
#include <QAction>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QProgressDialog>
#include <QCheckBox>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QXmlStreamReader>
#include <QtEndian>

#include <zlib.h>

#include <atomic>
#include <functional>
#include <tuple>

namespace {

using Preset = ExportChoice::Preset;
using Content = ExportChoice::Content;

QString scenarioFile(const QString &name)
{
    return QStringLiteral(TCPLAB_SOURCE_DIR "/resources/scenarios/%1.tcplab").arg(name);
}

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// An SVG as lines, so a difference is reported at its line.
QStringList lines(const QString &file)
{
    return QString::fromUtf8(readAll(file)).split(QLatin1Char('\n'));
}

ExportChoice choiceOf(const QString &view, const QString &format, Preset preset,
                      QSize custom = QSize(1600, 0), Content content = Content::WholeRun)
{
    ExportChoice c;
    c.view = view;
    c.format = format;
    c.preset = preset;
    c.customSize = custom;
    c.content = content;
    return c;
}

// Writes a view of w's run as File > Export does once the dialogs are answered; the format
// follows file's suffix. What went wrong is in the test's log.
bool write(MainWindow &w, const QString &file, const QString &view, Preset preset,
           Content content = Content::WholeRun)
{
    QString error;
    const bool ok =
        w.exportTo(choiceOf(view, QFileInfo(file).suffix(), preset, {}, content), file, &error);
    if (!ok)
        qWarning("%s", qPrintable(error));
    return ok;
}

// The window's state that the whole run must not show: the playhead in the middle of the run
// (its line, its label, the pink highlight, the fading after it), one row per instant, zoomed.
void disturbTheView(MainWindow &w)
{
    w.playhead()->seek(w.traceModel()->rowCount() / 2);
    w.sequenceView()->setRowsMode(true);
    w.sequenceView()->zoomIn();
}

// ---- PngStream's pictures, read back ----

// The pixels a PNG of `picture` must have: RGB32, opaque.
QImage opaque(const QImage &picture)
{
    QImage out = picture.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < out.height(); ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(out.scanLine(y));
        for (int x = 0; x < out.width(); ++x)
            line[x] |= 0xff000000u;
    }
    return out;
}

// picture through PngStream, its rows given in strips of the heights given (repeated until
// the picture ends). Each strip is an image of its own, taller and wider than the rows it
// gives, with other pixels beyond them: only the rows asked for may be read.
QByteArray pngOf(const QImage &picture, const QList<int> &strips, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    PngStream png(&buffer, picture.size());
    int top = 0;
    for (int k = 0; top < picture.height(); ++k) {
        const int rows = std::min(strips.at(k % strips.size()), picture.height() - top);
        QImage strip(picture.width() + k % 3, rows + k % 2, QImage::Format_RGB32);
        strip.fill(qRgb(0x12, 0x34, 0x56));
        for (int y = 0; y < rows; ++y)
            std::memcpy(strip.scanLine(y), picture.constScanLine(top + y),
                        std::size_t(picture.width()) * 4);
        if (!png.addRows(strip, rows)) {
            *error = QStringLiteral("addRows() failed at row %1").arg(top);
            return {};
        }
        top += rows;
    }
    if (!png.finish()) {
        *error = QStringLiteral("finish() failed");
        return {};
    }
    return buffer.data();
}

// The PNG read as a decoder does, without Qt: its chunks (their order, lengths and CRCs), its
// header (8-bit RGB, not interlaced, 96 dpi), its IDAT stream inflated by zlib to exactly the
// bytes of its rows and then unfiltered. A null image, and *error, if anything is amiss.
QImage inflatedPng(const QByteArray &png, QString *error)
{
    const auto fail = [error](const QString &why) {
        *error = why;
        return QImage();
    };
    if (!png.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)))
        return fail(QStringLiteral("no PNG signature"));
    QByteArray stream;
    int width = 0, height = 0;
    bool ended = false, physical = false;
    for (qsizetype at = 8; !ended;) {
        if (at + 12 > png.size())
            return fail(QStringLiteral("the file ends inside a chunk, at %1").arg(at));
        const quint32 length = qFromBigEndian<quint32>(png.constData() + at);
        const QByteArray type = png.mid(at + 4, 4);
        if (at + 12 + qsizetype(length) > png.size())
            return fail(QStringLiteral("%1 goes beyond the file").arg(QLatin1String(type)));
        const char *data = png.constData() + at + 8;
        uLong crc = crc32(0, reinterpret_cast<const Bytef *>(png.constData() + at + 4), 4);
        crc = crc32(crc, reinterpret_cast<const Bytef *>(data), uInt(length));
        if (quint32(crc) != qFromBigEndian<quint32>(data + length))
            return fail(QStringLiteral("%1: wrong CRC").arg(QLatin1String(type)));
        if (at == 8) {
            if (type != "IHDR" || length != 13)
                return fail(QStringLiteral("IHDR is not first"));
            width = int(qFromBigEndian<quint32>(data));
            height = int(qFromBigEndian<quint32>(data + 4));
            if (QByteArray(data + 8, 5) != QByteArray("\x08\x02\x00\x00\x00", 5))
                return fail(QStringLiteral("not 8-bit RGB, deflate, not interlaced"));
        } else if (type == "pHYs") {
            physical = length == 9 && qFromBigEndian<quint32>(data) == 3780 &&
                       qFromBigEndian<quint32>(data + 4) == 3780 && data[8] == 1;
        } else if (type == "IDAT") {
            stream.append(data, length);
        } else if (type == "IEND") {
            ended = true;
            if (at + 12 != png.size())
                return fail(QStringLiteral("bytes after IEND"));
        } else {
            return fail(QStringLiteral("unexpected chunk %1").arg(QLatin1String(type)));
        }
        at += 12 + qsizetype(length);
    }
    if (!physical)
        return fail(QStringLiteral("no pHYs of 96 dpi"));
    const qsizetype rowBytes = qsizetype(width) * 3 + 1;
    // One byte more than the rows: a stream that holds more than them must not fit.
    QByteArray rows(rowBytes * height + 1, '\0');
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return fail(QStringLiteral("inflateInit() failed"));
    z.next_in = reinterpret_cast<Bytef *>(stream.data());
    z.avail_in = uInt(stream.size());
    z.next_out = reinterpret_cast<Bytef *>(rows.data());
    z.avail_out = uInt(rows.size());
    const int status = inflate(&z, Z_FINISH);
    const QString message = z.msg ? QString::fromLatin1(z.msg) : QString();
    const qsizetype produced = qsizetype(z.total_out), left = qsizetype(z.avail_in);
    inflateEnd(&z);
    if (status != Z_STREAM_END)
        return fail(QStringLiteral("inflate(): %1 %2").arg(status).arg(message));
    if (produced != rowBytes * height || left != 0)
        return fail(QStringLiteral("inflate(): %1 bytes from a stream with %2 left over, for "
                                   "%3 bytes of rows")
                        .arg(produced)
                        .arg(left)
                        .arg(rowBytes * height));
    QImage image(width, height, QImage::Format_RGB32);
    QByteArray above(rowBytes, '\0');
    for (int y = 0; y < height; ++y) {
        auto *row = reinterpret_cast<uchar *>(rows.data() + rowBytes * y);
        const auto *up = reinterpret_cast<const uchar *>(above.constData());
        for (qsizetype k = 1; k < rowBytes; ++k) {
            const int a = k > 3 ? row[k - 3] : 0, b = up[k], c = k > 3 ? up[k - 3] : 0;
            int predicted = 0;
            switch (row[0]) {
            case 0:
                break;
            case 1:
                predicted = a;
                break;
            case 2:
                predicted = b;
                break;
            case 3:
                predicted = (a + b) / 2;
                break;
            case 4: {
                const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b),
                          pc = std::abs(p - c);
                predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                break;
            }
            default:
                return fail(QStringLiteral("row %1: filter %2").arg(y).arg(row[0]));
            }
            row[k] = uchar(row[k] + predicted);
        }
        QRgb *pixel = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            pixel[x] = qRgb(row[1 + 3 * x], row[2 + 3 * x], row[3 + 3 * x]);
        above = QByteArray(reinterpret_cast<const char *>(row), rowBytes);
    }
    return image;
}

// Where two pictures differ first, or "" if they are the same.
QString firstDifference(const QImage &expected, const QImage &actual)
{
    if (expected.size() != actual.size())
        return QStringLiteral("%1x%2 instead of %3x%4")
            .arg(actual.width())
            .arg(actual.height())
            .arg(expected.width())
            .arg(expected.height());
    for (int y = 0; y < expected.height(); ++y) {
        const QRgb *e = reinterpret_cast<const QRgb *>(expected.constScanLine(y));
        const QRgb *a = reinterpret_cast<const QRgb *>(actual.constScanLine(y));
        for (int x = 0; x < expected.width(); ++x) {
            if (e[x] != a[x])
                return QStringLiteral("(%1, %2) is %3 instead of %4")
                    .arg(x)
                    .arg(y)
                    .arg(a[x], 8, 16)
                    .arg(e[x], 8, 16);
        }
    }
    return {};
}

// Empty if picture, written through PngStream in those strips, reads back as itself with zlib
// and with QImage; else what went wrong.
QString roundTrip(const QImage &picture, const QList<int> &strips)
{
    const QImage expected = opaque(picture);
    QString error;
    const QByteArray png = pngOf(picture, strips, &error);
    if (!error.isEmpty())
        return error;
    const QImage inflated = inflatedPng(png, &error);
    if (!error.isEmpty())
        return QStringLiteral("zlib: ") + error;
    QString difference = firstDifference(expected, inflated);
    if (!difference.isEmpty())
        return QStringLiteral("zlib: ") + difference;
    const QImage read = QImage::fromData(png, "PNG").convertToFormat(QImage::Format_RGB32);
    difference = firstDifference(expected, read);
    if (!difference.isEmpty())
        return QStringLiteral("QImage: ") + difference;
    return {};
}

// PngStream's coder has a path per instruction set (TCPLAB_PNG_SIMD asks for less than the
// processor has): each of them is run where the processor has it.
const char *const kPngInstructionSets[] = {"", "sse2", "none"};

class PngInstructionSet {
public:
    explicit PngInstructionSet(const char *name)
    {
        if (*name)
            qputenv("TCPLAB_PNG_SIMD", name);
        else
            qunsetenv("TCPLAB_PNG_SIMD");
    }
    ~PngInstructionSet() { qunsetenv("TCPLAB_PNG_SIMD"); }
    PngInstructionSet(const PngInstructionSet &) = delete;
    PngInstructionSet &operator=(const PngInstructionSet &) = delete;
};

// A picture of a kind that the coder must get right, made from random.
enum class PictureKind { Noise, White, Runs, LikeTheRowAbove, Periodic, Drawing, Count };

QImage pictureOf(PictureKind kind, int width, int height, QRandomGenerator &random)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    const auto pixels = [&image](int y) { return reinterpret_cast<QRgb *>(image.scanLine(y)); };
    const QRgb palette[] = {qRgb(255, 255, 255), qRgb(0, 0, 0),       qRgb(128, 128, 128),
                            qRgb(30, 90, 200),   qRgb(255, 255, 254), qRgb(254, 255, 255)};
    switch (kind) {
    case PictureKind::Noise:
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                pixels(y)[x] = random.generate();
        break;
    case PictureKind::White:
        break;
    case PictureKind::Runs: // runs of a few colours, some almost white
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width;) {
                const QRgb colour = palette[random.bounded(6)];
                const int run = 1 + int(random.bounded(random.bounded(2) ? 4 : 400));
                for (int end = std::min(width, x + run); x < end; ++x)
                    pixels(y)[x] = colour;
            }
        }
        break;
    case PictureKind::LikeTheRowAbove: // each row the one above, changed a little or shifted
        for (int x = 0; x < width; ++x)
            pixels(0)[x] = palette[random.bounded(3)];
        for (int y = 1; y < height; ++y) {
            const int shift = random.bounded(4) == 0 ? 1 : 0;
            for (int x = 0; x < width; ++x)
                pixels(y)[x] = pixels(y - 1)[std::max(0, x - shift)];
            for (int k = int(random.bounded(4)); k > 0; --k)
                pixels(y)[random.bounded(width)] = random.generate();
        }
        break;
    case PictureKind::Periodic: { // a pattern of 1-5 pixels again and again, bytes alike
        const int period = 1 + int(random.bounded(5));
        QRgb pattern[5];
        for (QRgb &p : pattern) {
            const int v = int(random.bounded(3)) * 127;
            p = random.bounded(2) ? qRgb(v, v, v) : qRgb(v, 255 - v, v);
        }
        for (int y = 0; y < height; ++y) {
            const int phase = int(random.bounded(period));
            for (int x = 0; x < width; ++x)
                pixels(y)[x] = pattern[(x + phase) % period];
        }
        break;
    }
    case PictureKind::Drawing: { // a diagram's kind: antialiased slanted lines and text
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        for (int k = 0; k < 12; ++k) {
            p.setPen(
                QPen(QColor::fromRgb(palette[1 + random.bounded(3)]), 0.5 + random.bounded(3.0)));
            p.drawLine(QPointF(random.bounded(double(width)), random.bounded(double(height))),
                       QPointF(random.bounded(double(width)), random.bounded(double(height))));
        }
        p.rotate(10);
        p.drawText(QPointF(width / 4.0, height / 3.0), QStringLiteral("SYN seq=0 ack=1"));
        break;
    }
    case PictureKind::Count:
        break;
    }
    return image;
}

// Pure ACKs sent back and forth every `every` µs, each 5 ms in flight; unanswered(i): it never
// arrives (no time of arrival); rtx(i): marked a retransmission.
// A white picture of size, painted by paint as the exporter paints (antialiased).
QImage painted(QSize size, const std::function<void(QPainter &)> &paint)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        paint(p);
    }
    return image;
}

// Empty if a (painted in strips) is b (painted whole) but for a few levels of antialiasing
// here and there (at most share of the pixels) (the raster engine's edges depend on the device they are drawn on) and the
// lifelines' dashes, which may shift by a fraction of a pixel where strips meet; else how
// many pixels differ, and by how much.
QString nearlyAlike(const QImage &a, const QImage &b, const tcplab::Trace &trace,
                    double share = 0.005)
{
    if (a.size() != b.size())
        return QStringLiteral("sizes differ");
    SequenceScene scene;
    scene.setTrace(&trace);
    scene.layout(a.width(), 1.0, false);
    auto onLifeline = [&scene](int x) {
        return std::abs(x - scene.lifelineX(Side::Client)) < 3 ||
               std::abs(x - scene.lifelineX(Side::Server)) < 3;
    };
    qint64 differ = 0;
    int worst = 0, worstY = 0;
    for (int y = 0; y < a.height(); ++y) {
        const QRgb *l = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const QRgb *r = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            if (y > scene.headerHeight() && onLifeline(x))
                continue;
            const int d = std::max({std::abs(qRed(l[x]) - qRed(r[x])),
                                    std::abs(qGreen(l[x]) - qGreen(r[x])),
                                    std::abs(qBlue(l[x]) - qBlue(r[x]))});
            differ += d > 0;
            if (d > worst) {
                worst = d;
                worstY = y;
            }
        }
    }
    if (worst <= 16 && double(differ) < share * a.width() * a.height())
        return {};
    return QStringLiteral("%1 pixels differ, by up to %2 (row %3)").arg(differ).arg(worst).arg(worstY);
}

tcplab::Trace ackRun(const char *title, int n, qint64 every,
                     const std::function<bool(int)> &unanswered = {},
                     const std::function<bool(int)> &rtx = {})
{
    tcplab::Trace trace;
    trace.title = title;
    for (int i = 0; i < n; ++i) {
        tcplab::SegmentHeader h;
        h.src = i % 2 ? tcplab::EndpointId::server() : tcplab::EndpointId::client();
        h.dst = i % 2 ? tcplab::EndpointId::client() : tcplab::EndpointId::server();
        h.flags = tcp::ACK;
        h.seqAbs = std::uint32_t(i);
        h.ackAbs = 1;
        h.win = 65535;
        const qint64 t = i * every;
        tcplab::Event e = tcplab::makeSegment(
            t, h, 0, 0, unanswered && unanswered(i) ? tcplab::kNoTime : t + 5000);
        e.rtx = rtx && rtx(i);
        trace.add(e);
    }
    return trace;
}

} // namespace

Q_DECLARE_METATYPE(ExportChoice::Preset)
Q_DECLARE_METATYPE(ExportChoice::Content)

class TestSlideExport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString out(const QString &path) const
    {
        const QString file = m_dir.filePath(path);
        QDir().mkpath(QFileInfo(file).absolutePath());
        return file;
    }

private Q_SLOTS:
    // A PNG is painted and written a strip at a time (never whole in memory): the strips meet
    // where one picture would be -- the same pixels but for a few levels of antialiasing here
    // and there (the raster engine's edges depend on the device they are drawn on), and the
    // lifelines' dashes, which may shift by a fraction of a pixel where strips meet.
    void pngInStripsIsThePicture()
    {
        const tcplab::Trace trace = ackRun("strips", 300, 900, [](int i) { return i % 17 == 5; });
        SequenceDiagramPainter::Settings settings;
        settings.render.fadeFuture = false;
        settings.render.showPlayhead = false;
        const SequenceDiagramPainter painter(trace, settings);
        const QSize size = DiagramExporter::resolvedSize(painter, QSize(1000, 0));
        QVERIFY(size.height() > 4 * 1048); // several strips of 4 MB
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("strips.png"));
        QString error;
        QVERIFY2(DiagramExporter::save(painter, file, QSize(1000, 0), &error), qPrintable(error));
        const QImage written(file);
        QCOMPARE(written.size(), size);
        // zlib reads the file as QImage does, to the pixel.
        QString inflateError;
        const QImage inflated = inflatedPng(readAll(file), &inflateError);
        QVERIFY2(inflateError.isEmpty(), qPrintable(inflateError));
        QCOMPARE(firstDifference(written.convertToFormat(QImage::Format_RGB32), inflated),
                 QString());
        const QImage whole = painted(size, [&](QPainter &p) { painter.paint(p, QSizeF(size)); });
        QCOMPARE(nearlyAlike(written.convertToFormat(QImage::Format_RGB32), whole, trace),
                 QString());
    }

    // Exports paint on threads that stay (PaintThreads); orderedParallel() makes items on them
    // and uses them in order here, each once, in slots the caller keeps.
    void paintThreadsAndOrderedParallel()
    {
        std::atomic<int> ran{0};
        {
            PaintThreads all(PaintThreads::count(), [&] { ++ran; });
            QTRY_COMPARE(ran.load(), PaintThreads::count()); // (one on each)
        }
        // Every thread busy with another export's: a job that has not started when wait()
        // is called never does, and wait() does not wait for the other export.
        std::atomic<bool> release{false};
        std::atomic<int> busy{0};
        PaintThreads hog(PaintThreads::count(), [&] {
            ++busy;
            while (!release)
                QThread::msleep(1);
        });
        QTRY_COMPARE(busy.load(), PaintThreads::count());
        std::atomic<int> late{0};
        {
            PaintThreads other(2, [&] { ++late; });
        }
        QCOMPARE(late.load(), 0);
        release = true;
        hog.wait();

        for (const int threads : {1, 3}) {
            std::vector<std::pair<int, int>> slots;
            QList<int> used;
            const bool ok = orderedParallel<std::pair<int, int>>(
                100, threads,
                [](int i, std::pair<int, int> &slot) {
                    QThread::usleep(std::uint64_t((i * 7919) % 300)); // (out of order)
                    slot = {i, i * i};
                },
                [&](int i, std::pair<int, int> &slot) {
                    used << (slot.first == i ? slot.second : -1);
                    return true;
                },
                [] { return false; }, slots);
            QVERIFY(ok);
            QList<int> squares;
            for (int i = 0; i < 100; ++i)
                squares << i * i;
            QCOMPARE(used, squares);
            QCOMPARE(int(slots.size()), threads == 1 ? 1 : 2 * threads); // (kept: a ring)
        }
    }

    // An export's strips are kept for the next one, and freed by the event loop when no export
    // has taken them for a while (TCPLAB_EXPORT_KEEP_MS here: 1 s).
    void keptStripsAreFreedWhenIdle()
    {
        qputenv("TCPLAB_EXPORT_KEEP_MS", "1000");
        const tcplab::Trace trace = ackRun("kept", 100, 900);
        const SequenceDiagramPainter painter(trace, SequenceDiagramPainter::Settings());
        QTemporaryDir dir;
        QString error;
        QVERIFY2(DiagramExporter::save(painter, dir.filePath(QStringLiteral("a.png")),
                                       QSize(800, 0), &error),
                 qPrintable(error));
        QVERIFY(DiagramExporter::keptSlots() > 0);
        // Taken by the next export before the time is up: the first release is void.
        QTest::qWait(600);
        QVERIFY2(DiagramExporter::save(painter, dir.filePath(QStringLiteral("b.png")),
                                       QSize(800, 0), &error),
                 qPrintable(error));
        QTest::qWait(600); // (the first release's time is up)
        QVERIFY(DiagramExporter::keptSlots() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(DiagramExporter::keptSlots(), 0, 5000);
        qunsetenv("TCPLAB_EXPORT_KEEP_MS");
    }

    // What a strip leaves out (texts and arrowheads beyond it) or draws only as far as it
    // (long arrows: SequenceDiagramRenderer::paintRows()) is what it would have clipped away:
    // strips of any height meet as one picture. A run with calls, data, states, a lost
    // segment and its retransmission (dashed: drawn whole), in strips of 37 and of 64 rows.
    void thinStripsMeetAsOnePicture()
    {
        const TraceLoader::Result run = TraceLoader::runScenario(
            QStringLiteral("server listen\nclient connect\nserver accept\n"
                           "client send 3000\ndrop next server->client\nserver recv\n"
                           "server send 2000\nclient recv\nsleep 2s\nnote halfway\n"
                           "client close\nserver recv\nserver close\n"),
            QStringLiteral("strips.tcplab"));
        QVERIFY2(run.ok, qPrintable(run.error));
        SequenceDiagramPainter::Settings settings;
        settings.render.fadeFuture = false;
        settings.render.showPlayhead = false;
        const SequenceDiagramPainter painter(run.trace, settings);
        const QSize size = DiagramExporter::resolvedSize(painter, QSize(1000, 0));
        const QImage whole = painted(size, [&](QPainter &p) { painter.paint(p, QSizeF(size)); });
        for (const int rows : {37, 64}) {
            QImage strips(size, QImage::Format_RGB32);
            for (int top = 0; top < size.height(); top += rows) {
                const int height = std::min(rows, size.height() - top);
                const QImage strip = painted(QSize(size.width(), height), [&](QPainter &p) {
                    painter.paintStrip(p, QSizeF(size), top, height);
                });
                QPainter into(&strips);
                into.drawImage(0, top, strip);
            }
            // (Each of the 22 or 13 seams a few levels off in places: up to 1% of the pixels.)
            QCOMPARE(nearlyAlike(strips, whole, run.trace, 0.01), QString());
        }
    }

    // A run longer than SequenceScene::kWholeRows has its labels placed a section at a time;
    // an export places them all first, on every core, and paints its parts (SVG) or strips
    // (PNG) on every core: the files are byte for byte those of one thread.
    void aLongRunExportsAlikeOnOneThreadAndOnSeveral()
    {
        tcplab::Trace trace;
        trace.title = "threads";
        const int n = SequenceScene::kWholeRows + 4000;
        for (int i = 0; i < n; ++i) {
            // Dense: a flight spans some twenty sends, so labels contend for room.
            tcplab::SegmentHeader h;
            h.src = i % 2 ? tcplab::EndpointId::server() : tcplab::EndpointId::client();
            h.dst = i % 2 ? tcplab::EndpointId::client() : tcplab::EndpointId::server();
            h.flags = i % 2 ? tcp::ACK : tcp::PSH | tcp::ACK;
            h.seqAbs = std::uint32_t(1 + i * 100);
            h.ackAbs = 1;
            h.win = 65535;
            const bool dropped = i % 97 == 13;
            tcplab::Event e = tcplab::makeSegment(i * 250LL, h, i % 2 ? 0 : 100, 0,
                                                  dropped ? tcplab::kNoTime : i * 250LL + 5000);
            e.dropped = dropped;
            e.rtx = i % 97 == 15;
            trace.add(e);
        }
        SequenceDiagramPainter::Settings settings;
        settings.render.fadeFuture = false;
        settings.render.showPlayhead = false;
        QTemporaryDir dir;
        auto exported = [&](const char *threads, const char *format) {
            qputenv("TCPLAB_EXPORT_THREADS", threads);
            const SequenceDiagramPainter painter(trace, settings); // laid out afresh
            const QString file = dir.filePath(QStringLiteral("t%1.%2").arg(QLatin1String(threads),
                                                                        QLatin1String(format)));
            QString error;
            const bool ok = DiagramExporter::save(painter, file, QSize(1000, 0), &error);
            qunsetenv("TCPLAB_EXPORT_THREADS");
            QFile f(file);
            return ok && f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(error.toUtf8());
        };
        const QByteArray svg1 = exported("1", "svg"), svg3 = exported("3", "svg");
        QVERIFY(svg1.startsWith("<?xml"));
        QVERIFY(svg1.count("<text") >= n);
        QString error;
        QVERIFY2(wellFormed(svg1, &error), qPrintable(error));
        QVERIFY2(svg1.mid(svg1.indexOf("</title>")) == svg3.mid(svg3.indexOf("</title>")),
                 "the SVGs differ");
        // The PNG's strips, of a shorter run (this one's picture is 800,000 pixels tall).
        tcplab::Trace shorter;
        shorter.title = trace.title;
        shorter.events.assign(trace.events.begin(), trace.events.begin() + 1500);
        std::swap(trace, shorter);
        const QByteArray png1 = exported("1", "png"), png3 = exported("3", "png");
        QBuffer header(const_cast<QByteArray *>(&png1));
        header.open(QIODevice::ReadOnly);
        const int height = QImageReader(&header).size().height();
        QVERIFY2(height > 5 * 1048, qPrintable(QString::number(height))); // some strips
        QVERIFY(png1.startsWith("\x89PNG"));
        QVERIFY2(png1 == png3, "the PNGs differ");
    }

    static bool wellFormed(const QByteArray &svg, QString *error)
    {
        QXmlStreamReader xml(svg);
        while (!xml.atEnd())
            xml.readNext();
        *error = xml.errorString();
        return !xml.hasError();
    }

    // PngStream writes a deflate stream of its own: whatever the picture and its strips, it
    // must read back exactly, with zlib and with QImage, on each instruction set's path.
    void pngStreamReadsBackExactly_data()
    {
        QTest::addColumn<QImage>("picture");
        QTest::addColumn<QList<int>>("strips");
        QRandomGenerator random(20240611);
        const auto picture = [&random](PictureKind kind, int width, int height) {
            return pictureOf(kind, width, height, random);
        };
        using K = PictureKind;
        QTest::newRow("noise 97x53, strips of 1-7 rows")
            << picture(K::Noise, 97, 53) << QList<int>{1, 7, 3, 2, 5};
        // 1000 pixels wide, a block is 174 rows: 700 are blocks and a part of one, 348 two
        // blocks exactly (the stream then ends with an empty block).
        QTest::newRow("white 1000x700, one strip")
            << picture(K::White, 1000, 700) << QList<int>{700};
        QTest::newRow("white 1000x348, strips of 100")
            << picture(K::White, 1000, 348) << QList<int>{100};
        QTest::newRow("runs 1000x400, strips of 1-174")
            << picture(K::Runs, 1000, 400) << QList<int>{174, 1, 60, 2, 173};
        QTest::newRow("like the row above 333x400")
            << picture(K::LikeTheRowAbove, 333, 400) << QList<int>{16, 250};
        QTest::newRow("drawing 640x480, strips of 1-200")
            << picture(K::Drawing, 640, 480) << QList<int>{1, 64, 13, 200, 2};
        QTest::newRow("width 1, runs") << picture(K::Runs, 1, 300) << QList<int>{1, 2, 50};
        QTest::newRow("width 1, noise") << picture(K::Noise, 1, 77) << QList<int>{77};
        QTest::newRow("width 2, periodic") << picture(K::Periodic, 2, 90) << QList<int>{3};
        QTest::newRow("width 3, like the row above")
            << picture(K::LikeTheRowAbove, 3, 90) << QList<int>{89, 1};
        QTest::newRow("one pixel") << picture(K::Noise, 1, 1) << QList<int>{1};
        QTest::newRow("one row") << picture(K::Drawing, 500, 1) << QList<int>{1};
        // A row of 10,922 pixels and its filter byte is 32,767 bytes: the row above is within
        // deflate's 32 KiB; a row of 11,000 is not, and must not be reached for.
        QTest::newRow("width 10922, like the row above")
            << picture(K::LikeTheRowAbove, 10922, 24) << QList<int>{5, 19};
        QTest::newRow("width 11000, like the row above")
            << picture(K::LikeTheRowAbove, 11000, 24) << QList<int>{24};
        QTest::newRow("width 11000, white") << picture(K::White, 11000, 20) << QList<int>{7};
    }

    void pngStreamReadsBackExactly()
    {
        QFETCH(QImage, picture);
        QFETCH(QList<int>, strips);
        for (const char *set : kPngInstructionSets) {
            const PngInstructionSet chosen(set);
            const QString error = roundTrip(picture, strips);
            QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(
                                          QLatin1String(*set ? set : "best"), error)));
        }
    }

    // Random pictures (sizes, kinds, strips, instruction sets), each read back: a small fuzzer,
    // its seed fixed so that a failure comes back.
    void pngStreamRandomPicturesReadBack()
    {
        QRandomGenerator random(7);
        for (int round = 0; round < 150; ++round) {
            const int size = int(random.bounded(20));
            const int width = size < 12   ? 1 + int(random.bounded(300))
                              : size < 17 ? 300 + int(random.bounded(2200))
                                          : 2500 + int(random.bounded(9500));
            const int height = 1 + int(random.bounded(size < 12 ? 200 : size < 17 ? 400 : 30));
            const auto kind = PictureKind(random.bounded(int(PictureKind::Count)));
            const QImage picture = pictureOf(kind, width, height, random);
            QList<int> strips;
            for (int k = 1 + int(random.bounded(4)); k > 0; --k)
                strips << 1 + int(random.bounded(height));
            const char *set = kPngInstructionSets[round % 3];
            const PngInstructionSet chosen(set);
            const QString error = roundTrip(picture, strips);
            QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("round %1: %2x%3, kind %4, %5: %6")
                                                     .arg(round)
                                                     .arg(width)
                                                     .arg(height)
                                                     .arg(int(kind))
                                                     .arg(QLatin1String(*set ? set : "best"))
                                                     .arg(error)));
        }
    }

    // A sequence diagram's pixels (a long run: many blocks) read back exactly.
    void pngStreamOfADiagramReadsBackExactly()
    {
        const tcplab::Trace trace = ackRun("exact", 200, 900);
        const SequenceDiagramPainter painter(trace, SequenceDiagramPainter::Settings());
        const QSize size = DiagramExporter::resolvedSize(painter, QSize(1000, 0));
        const QImage picture = painted(size, [&](QPainter &p) { painter.paint(p, QSizeF(size)); });
        for (const char *set : kPngInstructionSets) {
            const PngInstructionSet chosen(set);
            const QString error = roundTrip(picture, {1048, 1, 333});
            QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(
                                          QLatin1String(*set ? set : "best"), error)));
        }
    }

    // What PngStream cannot write it says, by its return values.
    void pngStreamSaysWhatFailed()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QImage strip(10, 4, QImage::Format_RGB32);
        strip.fill(Qt::white);
        {
            PngStream png(&buffer, QSize(10, 4));
            QVERIFY(png.addRows(strip, 3));
            QVERIFY(!png.finish()); // a row short
        }
        {
            PngStream png(&buffer, QSize(11, 4));
            QVERIFY(!png.addRows(strip, 4)); // narrower than the picture
            QVERIFY(!png.finish());
        }
        {
            PngStream png(&buffer, QSize(10, 4));
            QVERIFY(!png.addRows(strip.convertToFormat(QImage::Format_RGB888), 4));
        }
        {
            QBuffer closed; // writes fail
            PngStream png(&closed, QSize(10, 4));
            QVERIFY(!png.addRows(strip, 4));
            QVERIFY(!png.finish());
        }
    }

    // A long run's SVG is written in parts (SequenceDiagramPainter::kRowsPerPart rows each),
    // Cancel looked at between them: the file is, byte for byte, what one paint() writes.
    void svgInPartsDrawsWhatOnePartDraws()
    {
        const tcplab::Trace trace = ackRun("parts", 2 * SequenceDiagramPainter::kRowsPerPart + 300,
                                           700, {}, [](int i) { return i % 31 == 0; });
        SequenceDiagramPainter::Settings settings;
        settings.render.fadeFuture = false;
        settings.render.showPlayhead = false;
        const SequenceDiagramPainter painter(trace, settings);
        const QSize size = DiagramExporter::resolvedSize(painter, QSize(1000, 0));
        QCOMPARE(painter.partCount(QSizeF(size)), 3);
        QTemporaryDir dir;
        const QString parts = dir.filePath(QStringLiteral("parts.svg"));
        QString error;
        QVERIFY2(DiagramExporter::save(painter, parts, QSize(1000, 0), &error), qPrintable(error));
        // The same picture painted whole on the same writer.
        QBuffer whole;
        whole.open(QIODevice::WriteOnly);
        {
            SvgWriter svg(&whole, size);
            svg.setTitle(QStringLiteral("parts"));
            svg.setDescription(DiagramExporter::tr("Exported by TCP Lab"));
            QPainter p(&svg);
            p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
            painter.paint(p, QSizeF(size));
        }
        QFile file(parts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(written.startsWith("<?xml"));
        QVERIFY(written.trimmed().endsWith("</svg>"));
        QCOMPARE(written.count("<svg"), qsizetype(1));
        QVERIFY(written.count("<text") > 2 * SequenceDiagramPainter::kRowsPerPart);
        QString error2;
        QVERIFY2(wellFormed(written, &error2), qPrintable(error2));
        QCOMPARE(written, whole.data());
    }

    void initTestCase()
    {
        // Settings go to a fresh file: the tests neither read nor change the user's.
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qputenv("TCPLAB_SETTINGS", m_dir.filePath(QStringLiteral("settings.ini")).toLocal8Bit());
    }

    void choiceSizes_data()
    {
        QTest::addColumn<Preset>("preset");
        QTest::addColumn<QSize>("custom");
        QTest::addColumn<QSize>("expected");
        QTest::newRow("16:9 1920") << Preset::Slide1920 << QSize(5, 5) << QSize(1920, 1080);
        QTest::newRow("16:9 1280") << Preset::Slide1280 << QSize(5, 5) << QSize(1280, 720);
        QTest::newRow("4:3 1024") << Preset::Slide1024 << QSize(5, 5) << QSize(1024, 768);
        QTest::newRow("A4 landscape") << Preset::A4Landscape << QSize(5, 5) << QSize(842, 595);
        QTest::newRow("window: its width, the height needed")
            << Preset::Window << QSize(5, 5) << QSize(882, 0);
        QTest::newRow("custom") << Preset::Custom << QSize(1500, 900) << QSize(1500, 900);
        QTest::newRow("custom, the height needed")
            << Preset::Custom << QSize(1500, 0) << QSize(1500, 0);
        QTest::newRow("custom, clamped as tcplab-cli's --width")
            << Preset::Custom << QSize(90000, -3) << QSize(20000, 0);
    }

    void choiceSizes()
    {
        QFETCH(Preset, preset);
        QFETCH(QSize, custom);
        QFETCH(QSize, expected);
        QCOMPARE(
            choiceOf(QStringLiteral("sequence"), QStringLiteral("png"), preset, custom).size(882),
            expected);
    }

    void choiceIsRemembered()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("choice.ini")), QSettings::IniFormat);
        QCOMPARE(ExportChoice::load(settings), ExportChoice()); // nothing saved: the defaults
        QCOMPARE(ExportChoice().preset, Preset::Slide1920);
        QCOMPARE(ExportChoice().content, Content::WholeRun);
        const ExportChoice chosen = choiceOf(QStringLiteral("graph"), QStringLiteral("pdf"),
                                             Preset::Custom, QSize(1400, 900), Content::AsOnScreen);
        chosen.save(settings);
        QCOMPARE(ExportChoice::load(settings), chosen);
        // A settings file edited by hand cannot ask for what the dialog cannot show.
        settings.setValue(AppSettings::exportKey(QStringLiteral("view")), QStringLiteral("pie"));
        settings.setValue(AppSettings::exportKey(QStringLiteral("size")), QStringLiteral("huge"));
        settings.setValue(AppSettings::exportKey(QStringLiteral("width")), -5);
        const ExportChoice odd = ExportChoice::load(settings);
        QCOMPARE(odd.view, QStringLiteral("sequence"));
        QCOMPARE(odd.preset, Preset::Slide1920);
        QCOMPARE(odd.customSize, QSize(1, 900));
    }

    // The dialog shows a choice and gives back what the user changed.
    void dialogEditsTheChoice()
    {
        const ExportChoice start = choiceOf(QStringLiteral("graph"), QStringLiteral("svg"),
                                            Preset::Slide1280, QSize(1000, 0));
        ExportDialog d(start, 882, 900);
        QCOMPARE(d.choice(), start);
        auto *size = d.findChild<QComboBox *>(QStringLiteral("exportSize"));
        auto *width = d.findChild<QSpinBox *>(QStringLiteral("exportWidth"));
        auto *height = d.findChild<QSpinBox *>(QStringLiteral("exportHeight"));
        auto *hint = d.findChild<QLabel *>(QStringLiteral("exportHint"));
        QVERIFY(size && width && height && hint);
        // A preset shows its size, not to be edited, and says what a taller diagram does.
        QCOMPARE(width->value(), 1280);
        QCOMPARE(height->value(), 720);
        QVERIFY(!width->isEnabled());
        QVERIFY2(hint->text().contains(QStringLiteral("1280×720")), qPrintable(hint->text()));
        QVERIFY2(hint->text().contains(QLatin1String("scaled")), qPrintable(hint->text()));
        // The window's width is the chosen view's.
        size->setCurrentIndex(size->findData(int(Preset::Window)));
        QCOMPARE(width->value(), 900);
        QCOMPARE(height->text(), QStringLiteral("as tall as needed"));
        QVERIFY2(size->currentText().contains(QLatin1String("900")),
                 qPrintable(size->currentText()));
        d.findChild<QComboBox *>(QStringLiteral("exportView"))->setCurrentIndex(0);
        QCOMPARE(width->value(), 882);
        // Custom: the spin boxes are the size.
        size->setCurrentIndex(size->findData(int(Preset::Custom)));
        QVERIFY(width->isEnabled() && height->isEnabled());
        QCOMPARE(width->value(), 1000);
        width->setValue(1400);
        height->setValue(800);
        d.findChild<QComboBox *>(QStringLiteral("exportFormat"))->setCurrentIndex(2);
        QCOMPARE(width->suffix(), QStringLiteral(" pt")); // a PDF's size is in points
        QVERIFY2(hint->text().startsWith(QStringLiteral("The page is exactly 1400×800 pt")),
                 qPrintable(hint->text()));
        d.findChild<QRadioButton *>(QStringLiteral("exportAsOnScreen"))->setChecked(true);
        QCOMPARE(d.choice(), choiceOf(QStringLiteral("sequence"), QStringLiteral("pdf"),
                                      Preset::Custom, QSize(1400, 800), Content::AsOnScreen));
    }

    // Ctrl+E asks about the sequence diagram, Ctrl+Shift+E about the state graph, starting from
    // the last choice.
    void shortcutsOpenTheDialog()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        {
            const auto settings = AppSettings::open();
            choiceOf(QStringLiteral("sequence"), QStringLiteral("svg"), Preset::Slide1024)
                .save(*settings);
        }
        for (const auto &[name, keys, view] :
             {std::tuple{"exportSequence", QKeySequence(Qt::CTRL | Qt::Key_E), "sequence"},
              std::tuple{"exportGraph", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), "graph"}}) {
            auto *action = w.findChild<QAction *>(QLatin1String(name));
            QVERIFY(action);
            QCOMPARE(action->shortcut(), keys);
            ExportChoice shown;
            bool opened = false;
            QTimer::singleShot(0, this, [&] {
                if (auto *d = qobject_cast<ExportDialog *>(QApplication::activeModalWidget())) {
                    opened = true;
                    shown = d->choice();
                    d->reject();
                }
            });
            action->trigger();
            QVERIFY(opened);
            QCOMPARE(shown.view, QLatin1String(view));
            QCOMPARE(shown.format, QStringLiteral("svg"));
            QCOMPARE(shown.preset, Preset::Slide1024);
        }
    }

    // The app's "Whole run" is tcplab-cli export's file for the same trace and size, however
    // the window is set: the same bytes for SVG, the same pixels for PNG.
    void wholeRunIsWhatTheCliWrites_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("format");
        QTest::addColumn<Preset>("preset");
        QTest::addColumn<QSize>("custom");
        QTest::addColumn<QString>("language");
        const QString seq = QStringLiteral("sequence"), graph = QStringLiteral("graph");
        const QString svg = QStringLiteral("svg"), png = QStringLiteral("png");
        const QString en = QStringLiteral("en");
        QTest::newRow("sequence svg 1920x1080") << seq << svg << Preset::Slide1920 << QSize() << en;
        QTest::newRow("sequence png 1280x720") << seq << png << Preset::Slide1280 << QSize() << en;
        QTest::newRow("sequence svg 1600, as tall as needed (the CLI's default)")
            << seq << svg << Preset::Custom << QSize(1600, 0) << en;
        QTest::newRow("graph svg 1024x768") << graph << svg << Preset::Slide1024 << QSize() << en;
        QTest::newRow("graph png 1920x1080") << graph << png << Preset::Slide1920 << QSize() << en;
        QTest::newRow("sequence svg 1920x1080 in Chinese (--lang zh_CN)")
            << seq << svg << Preset::Slide1920 << QSize() << QStringLiteral("zh_CN");
    }

    void wholeRunIsWhatTheCliWrites()
    {
        QFETCH(QString, view);
        QFETCH(QString, format);
        QFETCH(Preset, preset);
        QFETCH(QSize, custom);
        QFETCH(QString, language);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        MainWindow w(&languages);
        QVERIFY(w.openFile(scenarioFile(QStringLiteral("handshake-and-close"))));
        disturbTheView(w);
        const ExportChoice choice = choiceOf(view, format, preset, custom);
        const QSize size = choice.size(w.exportWindowWidth(view));

        // The same file name in two folders: an SVG's <title> is the file's name.
        const QString row =
            QString::fromLatin1(QTest::currentDataTag())
                .replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
        const QString name = QStringLiteral("/%1.%2").arg(row, format);
        const QString app = out(QStringLiteral("app") + name);
        const QString cli = out(QStringLiteral("cli") + name);
        QString error;
        QVERIFY2(w.exportTo(choice, app, &error), qPrintable(error));
        QStringList args = {scenarioFile(QStringLiteral("handshake-and-close")),
                            QStringLiteral("--view"),
                            view,
                            QStringLiteral("--out"),
                            cli,
                            QStringLiteral("--width"),
                            QString::number(size.width()),
                            QStringLiteral("--lang"),
                            language};
        if (size.height() > 0)
            args << QStringLiteral("--height") << QString::number(size.height());
        QCOMPARE(runExportCommand(args), 0);

        if (format == QLatin1String("svg")) {
            QCOMPARE(lines(app), lines(cli));
        } else {
            const QImage a(app), c(cli);
            QCOMPARE(a.size(), size);
            QCOMPARE(c.size(), size);
            QVERIFY(a == c);
        }
        QCOMPARE(readAll(app), readAll(cli));
    }

    // Pages (issue 13): a whole run as a PDF cut into pages of the chosen size, as
    // `tcplab-cli export --pages` cuts it -- each page of that size, the heads on each. The
    // choice is offered only where it applies (a PDF of the sequence diagram's whole run).
    void pagesOfAWholeRun()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        QVERIFY(w.openFile(scenarioFile(QStringLiteral("lost-syn"))));
        ExportChoice choice = choiceOf(QStringLiteral("sequence"), QStringLiteral("pdf"),
                                       Preset::Custom, QSize(1000, 300));
        choice.pages = true;
        QVERIFY(choice.pagesApply());
        const QString app = out(QStringLiteral("pages/app.pdf"));
        const QString cli = out(QStringLiteral("pages/cli.pdf"));
        QString error;
        QVERIFY2(w.exportTo(choice, app, &error), qPrintable(error));
        QCOMPARE(runExportCommand({scenarioFile(QStringLiteral("lost-syn")), QStringLiteral("--view"),
                                   QStringLiteral("sequence"), QStringLiteral("--out"), cli,
                                   QStringLiteral("--width"), QStringLiteral("1000"),
                                   QStringLiteral("--height"), QStringLiteral("300"),
                                   QStringLiteral("--pages")}),
                 0);
        const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        QFile a(app), b(cli);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const int pagesApp = int(QString::fromLatin1(a.readAll()).count(page));
        const int pagesCli = int(QString::fromLatin1(b.readAll()).count(page));
        QVERIFY2(pagesApp >= 2, qPrintable(QString::number(pagesApp)));
        QCOMPARE(pagesApp, pagesCli);
        // Not for a PNG, a state graph or the view as on screen.
        choice.format = QStringLiteral("png");
        QVERIFY(!choice.pagesApply());
        choice.format = QStringLiteral("pdf");
        choice.content = Content::AsOnScreen;
        QVERIFY(!choice.pagesApply());
        ExportDialog dialog(choice, 1000, 800);
        auto *pages = dialog.findChild<QCheckBox *>(QStringLiteral("exportPages"));
        QVERIFY(pages);
        QVERIFY(!pages->isEnabled());
        dialog.findChild<QRadioButton *>(QStringLiteral("exportWholeRun"))->click();
        QVERIFY(pages->isEnabled());
        QVERIFY(dialog.choice().pagesApply());
    }

    // File > Export draws a whole run on a thread of its own (issue 13): the window goes on
    // (its event loop turns while the file is drawn) and the file is what exportTo() writes;
    // cancelled, nothing is written and a file of that name stays as it was.
    void wholeRunExportsInTheBackground()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        QVERIFY(w.openFile(scenarioFile(QStringLiteral("handshake-and-close"))));
        const ExportChoice choice = choiceOf(QStringLiteral("sequence"), QStringLiteral("svg"),
                                             Preset::Slide1280, {});
        const QString background = out(QStringLiteral("background/a.svg"));
        const QString direct = out(QStringLiteral("direct/a.svg"));
        QSignalSpy finished(&w, &MainWindow::exportFinished);
        w.exportInBackground(choice, background);
        QVERIFY(w.findChild<QProgressDialog *>()); // the window's own, with Cancel
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QString error;
        QVERIFY2(w.exportTo(choice, direct, &error), qPrintable(error));
        QFile a(background), b(direct);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        // Cancelled (the progress dialog's Cancel sets the flag the drawing thread reads before
        // each page and before the commit): nothing is written, the old file stays.
        QFile keep(out(QStringLiteral("background/keep.svg")));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("old");
        keep.close();
        const std::atomic<bool> cancel{true};
        QVERIFY(!exportRun(QStringLiteral("sequence"), w.traceModel()->trace(), keep.fileName(),
                           QSize(1280, 720), ExportRange(), 0, &error, &cancel));
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        QVERIFY(keep.open(QIODevice::ReadOnly));
        QCOMPARE(keep.readAll(), QByteArray("old"));
    }

    // A slide preset is exactly the slide, however tall the run: a long run is scaled down into
    // it, a short one up; the A4 preset is an A4 page in a PDF.
    void presetGivesItsSize_data()
    {
        QTest::addColumn<QString>("scenarioName");
        QTest::addColumn<QString>("view");
        QTest::addColumn<Preset>("preset");
        QTest::addColumn<Content>("content");
        for (Preset p :
             {Preset::Slide1920, Preset::Slide1280, Preset::Slide1024, Preset::A4Landscape}) {
            const QSize s = ExportChoice::presetSize(p);
            const QByteArray size =
                QByteArray::number(s.width()) + 'x' + QByteArray::number(s.height());
            QTest::newRow(("short run, sequence " + size).constData())
                << QStringLiteral("handshake") << QStringLiteral("sequence") << p
                << Content::WholeRun;
            QTest::newRow(("long run, sequence " + size).constData())
                << QStringLiteral("lost-final-ack") << QStringLiteral("sequence") << p
                << Content::WholeRun;
            QTest::newRow(("long run, sequence as on screen " + size).constData())
                << QStringLiteral("lost-final-ack") << QStringLiteral("sequence") << p
                << Content::AsOnScreen;
            QTest::newRow(("graph " + size).constData())
                << QStringLiteral("lost-final-ack") << QStringLiteral("graph") << p
                << Content::WholeRun;
        }
    }

    void presetGivesItsSize()
    {
        QFETCH(QString, scenarioName);
        QFETCH(QString, view);
        QFETCH(Preset, preset);
        QFETCH(Content, content);
        LanguageManager languages;
        MainWindow w(&languages);
        QVERIFY(w.openFile(scenarioFile(scenarioName)));
        const QSize expected = ExportChoice::presetSize(preset);
        const QString png = out(QStringLiteral("preset.png"));
        QVERIFY(write(w, png, view, preset, content));
        const QImage image(png);
        QCOMPARE(image.size(), expected);
        // Something is drawn near the bottom: the legend of a diagram scaled to the height, or
        // the graph's lowest state.
        int inked = 0;
        for (int y = expected.height() * 3 / 4; y < expected.height(); ++y) {
            for (int x = 0; x < expected.width(); x += 2)
                inked += image.pixel(x, y) != qRgb(255, 255, 255);
        }
        if (view == QLatin1String("graph") || scenarioName == QLatin1String("lost-final-ack"))
            QVERIFY2(inked > 500, qPrintable(QString::number(inked)));

        const QString svg = out(QStringLiteral("preset.svg"));
        QVERIFY(write(w, svg, view, preset, content));
        QVERIFY(readAll(svg).contains(QStringLiteral("viewBox=\"0 0 %1 %2\"")
                                          .arg(expected.width())
                                          .arg(expected.height())
                                          .toLatin1()));

        const QString pdf = out(QStringLiteral("preset.pdf"));
        QVERIFY(write(w, pdf, view, preset, content));
        const QByteArray mediaBox = QStringLiteral("/MediaBox [0 0 %1.000000 %2.000000]")
                                        .arg(expected.width())
                                        .arg(expected.height())
                                        .toLatin1();
        QVERIFY2(readAll(pdf).contains(mediaBox), mediaBox.constData());
    }

    // "As on screen" is the window's view: its playhead line and time label, the events after
    // it faded; the whole run of the same window has neither.
    void asOnScreenHasThePlayhead()
    {
        LanguageManager languages;
        MainWindow w(&languages);
        QVERIFY(w.openFile(scenarioFile(QStringLiteral("handshake-and-close"))));
        const int middle = w.traceModel()->rowCount() / 2;
        w.playhead()->seek(middle);
        const QString label = EventText::time(w.traceModel()->event(middle).t);
        const QString playheadColor = QStringLiteral("stroke=\"#c2185b\""); // DiagramStyle

        const QString sequence = QStringLiteral("sequence");
        const QString screen = out(QStringLiteral("screen/sequence.svg"));
        const QString whole = out(QStringLiteral("whole/sequence.svg"));
        QVERIFY(write(w, screen, sequence, Preset::Slide1920, Content::AsOnScreen));
        QVERIFY(write(w, whole, sequence, Preset::Slide1920, Content::WholeRun));
        const QString s = QString::fromUtf8(readAll(screen));
        const QString a = QString::fromUtf8(readAll(whole));
        QVERIFY2(s.contains(QLatin1Char('>') + label + QLatin1Char('<')), qPrintable(label));
        QVERIFY(s.contains(playheadColor));
        QVERIFY(s.contains(QLatin1String("opacity=\"0.28\""))); // the future, faded
        QVERIFY2(!a.contains(QLatin1Char('>') + label + QLatin1Char('<')), qPrintable(label));
        QVERIFY(!a.contains(playheadColor));
        QVERIFY(!a.contains(QLatin1String("opacity=\"0.28\"")));

        // The same in pixels: the images differ, and only the screen's has the playhead's red.
        const QString screenPng = out(QStringLiteral("screen/sequence.png"));
        const QString wholePng = out(QStringLiteral("whole/sequence.png"));
        QVERIFY(write(w, screenPng, sequence, Preset::Slide1280, Content::AsOnScreen));
        QVERIFY(write(w, wholePng, sequence, Preset::Slide1280, Content::WholeRun));
        const QImage si(screenPng), wi(wholePng);
        QCOMPARE(si.size(), QSize(1280, 720));
        QCOMPARE(wi.size(), QSize(1280, 720));
        QVERIFY(si != wi);
        auto playheadPixels = [](const QImage &image) {
            int n = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    n += image.pixel(x, y) == qRgb(0xc2, 0x18, 0x5b);
            }
            return n;
        };
        QVERIFY2(playheadPixels(si) > 50, qPrintable(QString::number(playheadPixels(si))));
        QCOMPARE(playheadPixels(wi), 0);
    }
};

QTEST_MAIN(TestSlideExport)
#include "tst_slideexport.moc"
