#include "ui/export/pngstream.h"

#include <QIODevice>
#include <QImage>
#include <QtEndian>

#include <zlib.h>

#include <vector>

namespace {
constexpr int kChunk = 1 << 16; // IDAT data per chunk
}

struct PngStream::Deflate {
    z_stream z{};
    std::vector<unsigned char> row;
    std::vector<unsigned char> out = std::vector<unsigned char>(kChunk);
};

PngStream::PngStream(QIODevice *out, QSize size)
    : m_out(out)
    , m_size(size)
    , m_z(std::make_unique<Deflate>())
{
    static const char signature[] = "\x89PNG\r\n\x1a\n";
    m_ok = m_out->write(signature, 8) == 8;
    char header[13];
    qToBigEndian<quint32>(quint32(size.width()), header);
    qToBigEndian<quint32>(quint32(size.height()), header + 4);
    header[8] = 8;  // bits per sample
    header[9] = 2;  // RGB
    header[10] = 0; // deflate
    header[11] = 0; // adaptive filtering (each row says its filter: none)
    header[12] = 0; // not interlaced
    m_ok = m_ok && chunk("IHDR", header, 13);
    char physical[9]; // 3780 pixels a metre: 96 dpi
    qToBigEndian<quint32>(3780, physical);
    qToBigEndian<quint32>(3780, physical + 4);
    physical[8] = 1;
    m_ok = m_ok && chunk("pHYs", physical, 9);
    m_ok = m_ok && deflateInit(&m_z->z, 1) == Z_OK; // the fastest level
    m_z->row.resize(std::size_t(size.width()) * 3 + 1);
    m_z->z.next_out = m_z->out.data();
    m_z->z.avail_out = kChunk;
}

PngStream::~PngStream()
{
    deflateEnd(&m_z->z);
}

bool PngStream::chunk(const char *type, const char *data, int size)
{
    char length[4];
    qToBigEndian<quint32>(quint32(size), length);
    uLong crc = crc32(0, reinterpret_cast<const Bytef *>(type), 4);
    if (size > 0) // (crc32() of no buffer is the initial value, not the same)
        crc = crc32(crc, reinterpret_cast<const Bytef *>(data), uInt(size));
    char check[4];
    qToBigEndian<quint32>(quint32(crc), check);
    return m_out->write(length, 4) == 4 && m_out->write(type, 4) == 4 &&
           (size == 0 || m_out->write(data, size) == size) && m_out->write(check, 4) == 4;
}

bool PngStream::flush(bool last)
{
    z_stream &z = m_z->z;
    for (;;) {
        const int status = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
        if (status == Z_STREAM_ERROR)
            return false;
        if (z.avail_out == 0 || (last && status == Z_STREAM_END)) {
            const int size = kChunk - int(z.avail_out);
            if (size > 0 && !chunk("IDAT", reinterpret_cast<const char *>(m_z->out.data()), size))
                return false;
            z.next_out = m_z->out.data();
            z.avail_out = kChunk;
            if (last && status == Z_STREAM_END)
                return true;
            continue;
        }
        if (!last && z.avail_in == 0)
            return true;
    }
}

bool PngStream::addRows(const QImage &image, int rows)
{
    const int w = m_size.width();
    for (int y = 0; m_ok && y < rows && m_rowsWritten < m_size.height(); ++y, ++m_rowsWritten) {
        const QRgb *pixel = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        unsigned char *to = m_z->row.data();
        *to++ = 0; // filter: none
        for (int x = 0; x < w; ++x) {
            *to++ = static_cast<unsigned char>(qRed(pixel[x]));
            *to++ = static_cast<unsigned char>(qGreen(pixel[x]));
            *to++ = static_cast<unsigned char>(qBlue(pixel[x]));
        }
        m_z->z.next_in = m_z->row.data();
        m_z->z.avail_in = uInt(m_z->row.size());
        m_ok = flush(false);
    }
    return m_ok;
}

bool PngStream::finish()
{
    m_ok = m_ok && m_rowsWritten == m_size.height() && flush(true) && chunk("IEND", nullptr, 0);
    return m_ok;
}
