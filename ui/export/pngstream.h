#pragma once
// Writes an opaque PNG (three bytes a pixel) a band of rows at a time, so that a tall picture
// is painted and compressed a strip at a time, never whole in memory (QImage::save() needs the
// whole image). No row filter, and a deflate coder of its own rather than zlib's (pngstream.cpp
// says how): it only looks for repeats of the pixel before and of the pixel above, which is
// what a mostly white diagram has, and so compresses ~8 times faster than zlib's fastest level
// into a file ~10% bigger (issue "A million events": PNG no slower than twice the SVG). 96 dpi,
// as QImage writes it.

#include <QSize>

#include <memory>

class QImage;
class QIODevice;

class PngStream {
public:
    PngStream(QIODevice *out, QSize size);
    ~PngStream();
    PngStream(const PngStream &) = delete;
    PngStream &operator=(const PngStream &) = delete;

    // The next rows of the picture: image's first `rows` rows (RGB32 or ARGB32, its width the
    // picture's; alpha is ignored). False if anything failed to be written, or image is not
    // 32 bits a pixel or narrower than the picture.
    bool addRows(const QImage &image, int rows);
    // After the last row: the end of the file. False if anything failed to be written.
    bool finish();

private:
    struct Deflate;
    bool chunk(const char *type, const char *data, int size);
    bool flush(bool last);

    QIODevice *m_out;
    QSize m_size;
    int m_rowsWritten = 0;
    bool m_ok = true;
    std::unique_ptr<Deflate> m_z;
};
