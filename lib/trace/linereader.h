#pragma once
// The lines of a stream, read in large blocks rather than one std::getline each (issue 13: a
// million events a second). The same lines getline gives: '\n' ends a line and is not part of
// it ('\r' before it is), and a last line without '\n' is a line too. Each line is a view into
// the reader's block, valid until the next call.

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string_view>

namespace tcplab {

class LineReader {
public:
    // blockSize: how much to read at a time; a longer line grows the block to hold it.
    explicit LineReader(std::istream &in, std::size_t blockSize = 256 * 1024);
    ~LineReader();
    LineReader(const LineReader &) = delete;
    LineReader &operator=(const LineReader &) = delete;

    // The next line; false at the end of the stream.
    bool next(std::string_view &line);
    // What has been read from the stream and not yet given as lines (the first block, before
    // the first next()); atEnd(): the stream has no more beyond it.
    std::string_view buffered();
    bool atEnd();

private:
    bool fill(); // reads more after what is buffered; false when the stream has no more

    std::istream &m_in;
    std::unique_ptr<char[]> m_block;
    std::size_t m_size = 0;    // of m_block
    std::size_t m_begin = 0;   // the next line starts here
    std::size_t m_scanned = 0; // m_block[m_begin, m_scanned) holds no '\n'
    std::size_t m_end = 0;     // bytes read into m_block
    bool m_eof = false;
};

} // namespace tcplab
