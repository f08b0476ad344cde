#include "ui/export/diagramexporter.h"

#include "ui/common/diagrampainter.h"
#include "ui/export/pngstream.h"
#include "ui/export/orderedparallel.h"
#include "ui/export/svgwriter.h"

#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QThread>
#include <QBuffer>
#include <QCoreApplication>
#include <QTimer>
#include <mutex>
#include <vector>
#include <algorithm>

#include <cmath>

namespace {
// The slots an export paints its strips or parts into, kept for the next export: memory
// touched for the first time costs much more than memory used again (~13 us a 4 KiB page
// here, as much as painting a tenth of a PNG). One export at a time takes them; another
// export meanwhile makes its own. Kept slots no export has taken for a while
// (TCPLAB_EXPORT_KEEP_MS, 30 s) are freed by the application's event loop, so that a window
// that exported once does not hold a PNG's strips (~23 MiB) for good.
template <typename Slot> class KeptSlots {
public:
    KeptSlots()
    {
        Kept &k = kept();
        std::lock_guard<std::mutex> lock(k.mutex);
        m_slots.swap(k.slots);
        ++k.generation; // (a release meant for them is void)
    }
    ~KeptSlots()
    {
        Kept &k = kept();
        std::lock_guard<std::mutex> lock(k.mutex);
        if (!k.slots.empty())
            return; // another export's are kept
        k.slots.swap(m_slots);
        const quint64 now = ++k.generation;
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            return;
        int keepMs = qEnvironmentVariableIntValue("TCPLAB_EXPORT_KEEP_MS");
        if (keepMs <= 0)
            keepMs = 30000;
        // (A timer is started on the application's thread: an export's has no event loop.)
        QMetaObject::invokeMethod(
            app,
            [keepMs, now] {
                QTimer::singleShot(keepMs, QCoreApplication::instance(), [now] {
                    std::vector<Slot> freed; // (freed after the lock)
                    Kept &k = kept();
                    std::lock_guard<std::mutex> lock(k.mutex);
                    if (k.generation == now)
                        freed.swap(k.slots);
                });
            },
            Qt::QueuedConnection);
    }
    std::vector<Slot> &slots() { return m_slots; }
    static int count()
    {
        Kept &k = kept();
        std::lock_guard<std::mutex> lock(k.mutex);
        return int(k.slots.size());
    }

private:
    struct Kept {
        std::mutex mutex;
        std::vector<Slot> slots;
        quint64 generation = 0; // counts takes and keeps: a release is for one keep only
    };
    static Kept &kept()
    {
        static Kept k;
        return k;
    }
    std::vector<Slot> m_slots;
};

// A strip of a PNG: its pixels, then their compressed rows.
struct PngStrip {
    QImage image;
    PngStream::Band band;
    bool ok = false;
};
} // namespace

int DiagramExporter::keptSlots()
{
    return KeptSlots<PngStrip>::count() + KeptSlots<QByteArray>::count();
}

QString DiagramExporter::formatOf(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("png") || suffix == QLatin1String("svg") ||
        suffix == QLatin1String("pdf"))
        return suffix;
    return {};
}

QSize DiagramExporter::resolvedSize(const DiagramPainter &painter, QSize size)
{
    const int width = size.width() > 0 ? size.width() : 1000;
    const int height =
        size.height() > 0 ? size.height() : int(std::ceil(painter.sizeForWidth(width).height()));
    return QSize(width, std::max(1, height));
}

int DiagramExporter::pngStripRows(int width)
{
    return std::clamp((4 << 20) / std::max(1, width * 4), 16, 4096);
}

QSize DiagramExporter::pageSize(QSize size)
{
    const int width = size.width() > 0 ? size.width() : 1123; // A4 at 96 dpi
    const int height = size.height() > 0 ? size.height() : int(std::lround(width * 210.0 / 297));
    return QSize(width, height);
}

bool DiagramExporter::save(const DiagramPainter &painter, const QString &fileName, QSize size,
                           QString *error, bool pages, const std::atomic<bool> *cancel)
{
    const auto cancelled = [cancel] { return cancel && cancel->load(); };
    const QString format = formatOf(fileName);
    if (format.isEmpty()) {
        *error = tr("%1: unknown format (use .png, .svg or .pdf)").arg(fileName);
        return false;
    }
    if (pages && format != QLatin1String("pdf")) {
        *error = tr("%1: only a PDF has pages").arg(fileName);
        return false;
    }
    size = pages ? pageSize(size) : resolvedSize(painter, size);
    // The parts or strips of a picture painted on every core, when its painter allows
    // (TCPLAB_EXPORT_THREADS: as many threads, for tests and benchmarks).
    int threads = 1;
    if (painter.paintsInParallel()) {
        threads = qEnvironmentVariableIntValue("TCPLAB_EXPORT_THREADS");
        if (threads <= 0)
            threads = std::max(1, QThread::idealThreadCount());
    }
    if (!pages)
        painter.prepare(QSizeF(size), threads);
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    bool ok = true;
    if (format == QLatin1String("png")) {
        // A strip at a time, written as it is painted: a tall diagram's image is never whole
        // in memory. Opaque (the background is white): three bytes a pixel, compressed by
        // PngStream's own deflate coder (pngstream.h says why). Strips are painted on every
        // core, each compressed on the thread that painted it while its pixels are still in
        // the cache, and written in order here.
        const int stripRows = pngStripRows(size.width());
        const int strips = (size.height() + stripRows - 1) / stripRows;
        PngStream png(&file, size);
        const std::function<void(int, PngStrip &)> paintStrip = [&](int i, PngStrip &strip) {
            strip.ok = false;
            const QSize stripSize(size.width(), std::min(stripRows, size.height()));
            if (strip.image.size() != stripSize)
                strip.image = QImage(stripSize, QImage::Format_RGB32);
            if (strip.image.isNull())
                return; // (out of memory: use() fails)
            strip.image.fill(Qt::white);
            const int top = i * stripRows;
            const int rows = std::min(stripRows, size.height() - top);
            {
                QPainter p(&strip.image);
                p.setRenderHint(QPainter::Antialiasing);
                p.setRenderHint(QPainter::TextAntialiasing);
                painter.paintStrip(p, QSizeF(size), top, rows);
            }
            strip.ok = PngStream::compress(strip.image, size.width(), rows, strip.band);
        };
        const std::function<bool(int, PngStrip &)> write = [&](int, PngStrip &strip) {
            return strip.ok && png.add(strip.band);
        };
        KeptSlots<PngStrip> slots;
        ok = orderedParallel<PngStrip>(strips, threads, paintStrip, write, cancelled,
                                       slots.slots());
        ok = ok && (cancelled() || png.finish());
    } else if (format == QLatin1String("svg")) {
        // Written as it is painted, part by part (a long diagram's SVG is tens of megabytes:
        // never whole in memory; Cancel is looked at between parts). Each part is painted on
        // a writer of its own into memory (on every core, when the painter allows), and the
        // parts go in order into the document's body.
        SvgWriter svg(&file, size);
        svg.setTitle(QFileInfo(fileName).completeBaseName());
        svg.setDescription(tr("Exported by TCP Lab"));
        QPainter document;
        ok = document.begin(&svg);
        const int parts = ok ? painter.partCount(QSizeF(size)) : 0;
        const std::function<void(int, QByteArray &)> paintPart = [&](int part, QByteArray &bytes) {
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly | QIODevice::Truncate); // (its memory kept)
            SvgWriter body(&buffer, size, SvgWriter::Content::Body);
            QPainter p(&body);
            if (part == 0)
                p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
            painter.paintPart(p, QSizeF(size), part);
        };
        const std::function<bool(int, QByteArray &)> write = [&](int, QByteArray &bytes) {
            return svg.writeBody(bytes);
        };
        KeptSlots<QByteArray> slots;
        ok = ok && orderedParallel<QByteArray>(parts, threads, paintPart, write, cancelled,
                                               slots.slots());
        ok = document.end() && ok && svg.ok();
    } else {
        // One PDF point per pixel: a page exactly the picture's size.
        QPdfWriter pdf(&file);
        pdf.setResolution(72);
        pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(QFileInfo(fileName).completeBaseName());
        pdf.setCreator(QStringLiteral("TCP Lab"));
        QPainter p;
        ok = p.begin(&pdf);
        const int count = pages ? painter.pageCount(QSizeF(size)) : 1;
        for (int i = 0; ok && i < count && !cancelled(); ++i) {
            if (i > 0)
                ok = pdf.newPage();
            p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
            if (pages)
                painter.paintPage(p, QSizeF(size), i);
            else
                painter.paint(p, QSizeF(size));
        }
        ok = p.isActive() && p.end() && ok;
    }
    if (cancelled()) {
        *error = tr("Export of %1 cancelled").arg(fileName);
        file.cancelWriting();
        return false;
    }
    if (!ok) {
        *error = tr("Cannot write %1").arg(fileName);
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}
