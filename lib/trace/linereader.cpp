#include "linereader.h"

#include <cstring>
#include <istream>

namespace tcplab {

LineReader::LineReader(std::istream &in, std::size_t blockSize)
    : m_in(in)
    , m_block(new char[blockSize])
    , m_size(blockSize)
{
}

LineReader::~LineReader() = default;

bool LineReader::fill()
{
    if (m_eof)
        return false;
    if (m_begin > 0) { // the line begun so far to the front
        std::memmove(m_block.get(), m_block.get() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_scanned -= m_begin;
        m_begin = 0;
    }
    if (m_end == m_size) { // one line fills the block: a larger one
        std::unique_ptr<char[]> larger(new char[m_size * 2]);
        std::memcpy(larger.get(), m_block.get(), m_end);
        m_block = std::move(larger);
        m_size *= 2;
    }
    m_in.read(m_block.get() + m_end, std::streamsize(m_size - m_end));
    const std::size_t got = std::size_t(m_in.gcount());
    m_end += got;
    if (!m_in || got == 0)
        m_eof = true;
    return got > 0;
}

bool LineReader::next(std::string_view &line)
{
    for (;;) {
        const char *base = m_block.get();
        const void *nl = std::memchr(base + m_scanned, '\n', m_end - m_scanned);
        if (nl) {
            const std::size_t at = std::size_t(static_cast<const char *>(nl) - base);
            line = std::string_view(base + m_begin, at - m_begin);
            m_begin = m_scanned = at + 1;
            return true;
        }
        m_scanned = m_end;
        if (!fill()) {
            if (m_begin == m_end)
                return false;
            line = std::string_view(m_block.get() + m_begin, m_end - m_begin); // no '\n' at the end
            m_begin = m_scanned = m_end;
            return true;
        }
    }
}

std::string_view LineReader::buffered()
{
    if (m_end == 0)
        fill();
    return std::string_view(m_block.get() + m_begin, m_end - m_begin);
}

bool LineReader::atEnd()
{
    buffered();
    return m_eof;
}

} // namespace tcplab
