#pragma once
// Writes a DiagramPainter's picture to PNG, SVG or PDF (chosen by the file's suffix), through
// QSaveFile so a reader sees the old file or the new one, never half of it.

#include <QCoreApplication>
#include <QSize>
#include <QString>

#include <atomic>

class DiagramPainter;

class DiagramExporter {
    Q_DECLARE_TR_FUNCTIONS(DiagramExporter)

public:
    // "png", "svg", "pdf", or "" when the suffix is none of them.
    static QString formatOf(const QString &fileName);
    // The strips and parts kept from the last export for the next (freed when no export has
    // taken them for a while: diagramexporter.cpp).
    static int keptSlots();
    // size: width in pixels (points for PDF); a height <= 0 takes the picture's natural height.
    // pages (PDF only): the picture cut into pages of size (height <= 0: A4 landscape's
    // proportions), each with the diagram's heads on top.
    // cancel, if given, is read before each page and before the file is committed: once set,
    // nothing is written (an existing file stays as it was) and *error says "cancelled".
    static bool save(const DiagramPainter &painter, const QString &fileName, QSize size,
                     QString *error, bool pages = false,
                     const std::atomic<bool> *cancel = nullptr);
    // The page size save() cuts pages to.
    static QSize pageSize(QSize size);
    // The size save() would use.
    static QSize resolvedSize(const DiagramPainter &painter, QSize size);
    // The rows of each strip a PNG `width` pixels wide is painted and compressed in (4 MiB of
    // pixels).
    static int pngStripRows(int width);
};
