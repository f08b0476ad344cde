#pragma once
// Writes an opaque PNG (three bytes a pixel) a band of rows at a time, so that a tall picture
// is painted and compressed a strip at a time, never whole in memory (QImage::save() needs the
// whole image). Bands are compressed on their own, on any thread (compress()), and written in
// order (add()): each ends its deflate blocks on a whole byte, and the stream's Adler-32 is
// put together from theirs. No row filter, and a deflate coder of its own rather than zlib's
// (pngstream.cpp says how): it only looks for repeats of the pixel before and of the pixel
// above, which is what a mostly white diagram has, and so compresses ~8 times faster than
// zlib's fastest level into a file ~10% bigger (issue "A million events": PNG no slower than
// twice the SVG). 96 dpi, as QImage writes it.

#include <QSize>

#include <cstdint>
#include <memory>
#include <vector>

class QImage;
class QIODevice;

class PngStream {
public:
    PngStream(QIODevice *out, QSize size);
    ~PngStream();
    PngStream(const PngStream &) = delete;
    PngStream &operator=(const PngStream &) = delete;

    // A band of the picture's rows, compressed on its own: its stream does not depend on the
    // bands before it (its first row is not compared with the row above, and it ends on a
    // whole byte), so that bands are compressed on several threads at once and then added in
    // order. A band keeps its buffers from one compress() to the next.
    class Band {
    public:
        Band();
        ~Band();
        Band(Band &&) noexcept;
        Band &operator=(Band &&) noexcept;

    private:
        friend class PngStream;
        struct Coder;
        std::unique_ptr<Coder> m_coder;
        std::vector<unsigned char> m_bytes; // the band's deflate blocks
        int m_width = 0;
        int m_rows = 0;
        std::uint32_t m_adler = 1;  // of its rows' bytes
        std::uint64_t m_length = 0; // its rows' bytes
        std::uint32_t m_crc = 0;    // of m_bytes
    };

    // image's first `rows` rows (RGB32 or ARGB32, alpha ignored), `width` pixels of each,
    // compressed into band, on any thread (it touches nothing but band). False if image is
    // not 32 bits a pixel or smaller than that.
    static bool compress(const QImage &image, int width, int rows, Band &band);
    // The next band of the picture (compressed with its width). False if anything failed to
    // be written, or the band is not of this picture.
    bool add(const Band &band);

    // The next rows of the picture: compress() and add() on this thread.
    bool addRows(const QImage &image, int rows);
    // After the last row: the end of the file. False if anything failed to be written.
    bool finish();

private:
    bool chunk(const char *type, const char *data, int size);
    bool chunk(const char *type, const char *head, int headSize, const char *body,
               qsizetype bodySize, std::uint32_t bodyCrc);

    QIODevice *m_out;
    QSize m_size;
    int m_rowsWritten = 0;
    std::uint32_t m_adler = 1; // of the rows written
    bool m_ok = true;
    std::unique_ptr<Band> m_band; // addRows()'
};
