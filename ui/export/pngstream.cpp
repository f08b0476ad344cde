#include "ui/export/pngstream.h"

#include <QIODevice>
#include <QImage>
#include <QtAlgorithms>
#include <QtEndian>

#include <zlib.h> // crc32() of the chunks, adler32() where there is no SIMD

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__) // (SSE2 is in every x86-64 processor)
#include <immintrin.h>
#define PNGSTREAM_X86 1
// The body of a block's coder, inlined into one function per instruction set (so that in the
// AVX2 one, the AVX2 helpers are inlined too).
#define PNGSTREAM_INLINE __attribute__((always_inline)) inline
#else
#define PNGSTREAM_INLINE inline
#endif

// The PNG's zlib stream is written by the coder below rather than by zlib's deflate(): a
// diagram has ~100 million bytes of pixels, and deflate() takes 300-400 ms on them at any
// level, most of it looking for matches at every distance. Here only two distances are tried,
// the ones that pay on a diagram: the pixel before (3 bytes back: white runs, solid bands) and
// the pixel above (a row back: what did not move). Bytes equal to either are found 64 at a time
// with SIMD compares, the rest are literals, and each block has its own Huffman codes, built
// from the previous block's counts so that the pixels are read once (but the first block's).
// On the 1000 x 35,286 benchmark diagram: 11.0 MB (zlib level 1: 10.0 MB) in about an eighth
// of zlib's time.
//
// The rows are filtered with None: with Sub or Up the same coder made 13.5 and 12.8 MB of that
// diagram (its antialiased lines, shifted a little from row to row, differ from the pixel
// before and the pixel above at more places than they equal them), and None's 11.0 MB.

namespace {

using uchar = unsigned char;

constexpr std::size_t kBlockBytes = 512 * 1024; // rows of pixels coded as one deflate block
constexpr std::size_t kPadding = 128;           // after a block's bytes: SIMD reads beyond
constexpr std::size_t kCountedBytes = 64 * 1024; // of a band's first block, for its codes
constexpr std::size_t kWindow = 32768;          // deflate's farthest distance

// 8 bytes, the first the lowest.
std::uint64_t load64(const uchar *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return qFromLittleEndian(v);
}

void store64(uchar *p, std::uint64_t v)
{
    std::memcpy(p, &v, 8);
}

// ---- What depends on the instruction set: a struct each, with the same four functions ----

// Without SIMD (any processor).
struct Portable {
    // Bit k set where a[k] == b[k], for k < 64: 8 bytes at a time, a byte's high bit set
    // where it is 0 in a ^ b (a carry never crosses bytes), the 8 high bits gathered by a
    // multiplication into the top byte.
    static std::uint64_t equalMask(const uchar *a, const uchar *b)
    {
        constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7fu;
        std::uint64_t mask = 0;
        for (int k = 0; k < 64; k += 8) {
            const std::uint64_t differ = load64(a + k) ^ load64(b + k);
            const std::uint64_t zero = ~(((differ & low7) + low7) | differ | low7);
            mask |= (((zero >> 7) * 0x0102040810204080u) >> 56) << k;
        }
        return mask;
    }

    // How many bytes at a equal those at b, at most max; reads up to 31 bytes beyond a + max
    // (the same in every struct).
    static std::size_t matchLength(const uchar *a, const uchar *b, std::size_t max)
    {
        for (std::size_t k = 0; k < max; k += 8) {
            const std::uint64_t differ = load64(a + k) ^ load64(b + k);
            if (differ != 0)
                return std::min(max, k + qCountTrailingZeroBits(differ) / 8);
        }
        return max;
    }

    static std::uint32_t adler32(std::uint32_t adler, const uchar *p, std::size_t n)
    {
        return std::uint32_t(::adler32_z(adler, p, n));
    }

    // A row of RGB32 pixels to RGB bytes; may write up to 8 bytes beyond (the same in every
    // struct).
    static void convertRow(const std::uint32_t *pixel, uchar *to, int width)
    {
        int x = 0;
        for (; x + 4 <= width; x += 4, to += 12) {
            // 0xAARRGGBB byte-swapped is B G R A read as a number: R, G, B in its low bytes
            // once shifted.
            const std::uint64_t p0 = qbswap(pixel[x]) >> 8, p1 = qbswap(pixel[x + 1]) >> 8,
                                p2 = qbswap(pixel[x + 2]) >> 8, p3 = qbswap(pixel[x + 3]) >> 8;
            store64(to, qToLittleEndian(p0 | (p1 << 24) | (p2 << 48)));
            const std::uint32_t tail = qToLittleEndian(std::uint32_t((p2 >> 16) | (p3 << 8)));
            std::memcpy(to + 8, &tail, 4);
        }
        for (; x < width; ++x, to += 3) {
            to[0] = uchar(pixel[x] >> 16);
            to[1] = uchar(pixel[x] >> 8);
            to[2] = uchar(pixel[x]);
        }
    }
};

#ifdef PNGSTREAM_X86
constexpr std::uint32_t kAdlerBase = 65521;
// At most this many bytes are summed before the Adler-32 sums are reduced (zlib's NMAX, a
// multiple of 32 below it), so that they stay within 32 bits.
constexpr std::size_t kAdlerBlock = 5536;

std::uint32_t adlerReduce(std::uint32_t a, std::uint64_t b)
{
    return (std::uint32_t(b % kAdlerBase) << 16) | (a % kAdlerBase);
}

// SSE2: every x86-64 processor.
struct Sse2 {
    static std::uint64_t equalMask(const uchar *a, const uchar *b)
    {
        std::uint64_t mask = 0;
        for (int k = 0; k < 64; k += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(a + k));
            const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + k));
            mask |= std::uint64_t(std::uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)))) << k;
        }
        return mask;
    }

    static std::size_t matchLength(const uchar *a, const uchar *b, std::size_t max)
    {
        for (std::size_t k = 0; k < max; k += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(a + k));
            const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + k));
            const unsigned differ = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y))) ^ 0xffffu;
            if (differ != 0)
                return std::min(max, k + qCountTrailingZeroBits(differ));
        }
        return max;
    }

    // 16 bytes at a time: a += the bytes, b += a before them * 16 + the bytes weighted 16..1.
    static std::uint32_t adler32(std::uint32_t adler, const uchar *p, std::size_t n)
    {
        std::uint32_t a = adler & 0xffff, b = adler >> 16;
        const __m128i zero = _mm_setzero_si128();
        const __m128i weightsLow = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
        const __m128i weightsHigh = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
        while (n >= 16) {
            const std::size_t block = std::min(n, kAdlerBlock) & ~std::size_t(15);
            __m128i sums = zero, before = zero, weighted = zero;
            for (std::size_t k = 0; k < block; k += 16) {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + k));
                before = _mm_add_epi32(before, sums);
                sums = _mm_add_epi32(sums, _mm_sad_epu8(v, zero));
                weighted =
                    _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpacklo_epi8(v, zero), weightsLow));
                weighted = _mm_add_epi32(weighted,
                                         _mm_madd_epi16(_mm_unpackhi_epi8(v, zero), weightsHigh));
            }
            alignas(16) std::uint32_t s[4], bf[4], w[4];
            _mm_store_si128(reinterpret_cast<__m128i *>(s), sums);
            _mm_store_si128(reinterpret_cast<__m128i *>(bf), before);
            _mm_store_si128(reinterpret_cast<__m128i *>(w), weighted);
            const std::uint64_t bNext = b + std::uint64_t(a) * block +
                                        16 * (std::uint64_t(bf[0]) + bf[2]) + std::uint64_t(w[0]) +
                                        w[1] + w[2] + w[3];
            const std::uint32_t adlerNext =
                adlerReduce(std::uint32_t((a + std::uint64_t(s[0]) + s[2]) % kAdlerBase), bNext);
            a = adlerNext & 0xffff;
            b = adlerNext >> 16;
            p += block;
            n -= block;
        }
        return std::uint32_t(::adler32_z((b << 16) | a, p, n));
    }

    static void convertRow(const std::uint32_t *pixel, uchar *to, int width)
    {
        Portable::convertRow(pixel, to, width);
    }
};

// AVX2 (x86-64 processors since 2013-2015), chosen at run time.
struct Avx2 {
    __attribute__((target("avx2"))) static std::uint64_t equalMask(const uchar *a, const uchar *b)
    {
        const __m256i x0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a));
        const __m256i y0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(b));
        const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + 32));
        const __m256i y1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(b + 32));
        const std::uint32_t low = std::uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(x0, y0)));
        const std::uint32_t high = std::uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(x1, y1)));
        return low | (std::uint64_t(high) << 32);
    }

    __attribute__((target("avx2"))) static std::size_t matchLength(const uchar *a, const uchar *b,
                                                                   std::size_t max)
    {
        for (std::size_t k = 0; k < max; k += 32) {
            const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + k));
            const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(b + k));
            const std::uint32_t differ =
                ~std::uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, y)));
            if (differ != 0)
                return std::min(max, k + qCountTrailingZeroBits(differ));
        }
        return max;
    }

    // 32 bytes at a time, the weighted sum with maddubs (weights 32..1).
    __attribute__((target("avx2"))) static std::uint32_t adler32(std::uint32_t adler,
                                                                 const uchar *p, std::size_t n)
    {
        std::uint32_t a = adler & 0xffff, b = adler >> 16;
        const __m256i zero = _mm256_setzero_si256();
        const __m256i weights =
            _mm256_setr_epi8(32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15,
                             14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        const __m256i ones = _mm256_set1_epi16(1);
        while (n >= 32) {
            const std::size_t block = std::min(n, kAdlerBlock) & ~std::size_t(31);
            __m256i sums = zero, before = zero, weighted = zero;
            for (std::size_t k = 0; k < block; k += 32) {
                const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + k));
                before = _mm256_add_epi32(before, sums);
                sums = _mm256_add_epi32(sums, _mm256_sad_epu8(v, zero));
                weighted = _mm256_add_epi32(
                    weighted, _mm256_madd_epi16(_mm256_maddubs_epi16(v, weights), ones));
            }
            alignas(32) std::uint32_t s[8], bf[8], w[8];
            _mm256_store_si256(reinterpret_cast<__m256i *>(s), sums);
            _mm256_store_si256(reinterpret_cast<__m256i *>(bf), before);
            _mm256_store_si256(reinterpret_cast<__m256i *>(w), weighted);
            std::uint64_t sum = 0, sumBefore = 0, sumWeighted = 0;
            for (int k = 0; k < 8; ++k) {
                sum += s[k];
                sumBefore += bf[k];
                sumWeighted += w[k];
            }
            const std::uint32_t adlerNext =
                adlerReduce(std::uint32_t((a + sum) % kAdlerBase),
                            b + std::uint64_t(a) * block + 32 * sumBefore + sumWeighted);
            a = adlerNext & 0xffff;
            b = adlerNext >> 16;
            p += block;
            n -= block;
        }
        return Sse2::adler32((b << 16) | a, p, n);
    }

    // Eight pixels at a time: a byte shuffle in each half (4 pixels' 12 bytes at its start),
    // then the halves' 12 bytes moved together.
    __attribute__((target("avx2"))) static void convertRow(const std::uint32_t *pixel, uchar *to,
                                                           int width)
    {
        const __m256i order =
            _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5,
                             4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
        const __m256i together = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
        int x = 0;
        for (; x + 8 <= width; x += 8, to += 24) {
            const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(pixel + x));
            _mm256_storeu_si256(
                reinterpret_cast<__m256i *>(to),
                _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(v, order), together));
        }
        Portable::convertRow(pixel + x, to, width - x);
    }
};
#endif

// ---- Deflate's codes ----

struct LengthCode {
    std::uint16_t symbol;
    std::uint8_t extraBits;
    std::uint8_t extra;
};

// A match's length (3..258) as deflate codes it: symbol 257..285 and extra bits.
struct LengthCodes {
    LengthCode of[259];
    LengthCodes()
    {
        static const std::uint16_t base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                               15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                               67, 83, 99, 115, 131, 163, 195, 227, 258};
        static const std::uint8_t bits[28] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2,
                                              2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5};
        for (int s = 0; s < 28; ++s)
            for (int length = base[s]; length < base[s + 1]; ++length)
                of[length] = {std::uint16_t(257 + s), bits[s], std::uint8_t(length - base[s])};
        of[258] = {285, 0, 0};
    }
};

const LengthCodes &lengthCodes()
{
    static const LengthCodes codes;
    return codes;
}

// A distance (1..32768) as deflate codes it: symbol 0..29 and extra bits.
struct DistanceCode {
    int symbol = 0;
    int extraBits = 0;
    std::uint32_t extra = 0;
};

DistanceCode distanceCode(std::uint32_t distance)
{
    if (distance <= 4)
        return {int(distance) - 1, 0, 0};
    // distance - 1 is in [2^top, 2^(top + 1)): two symbols per power of two.
    const std::uint32_t d = distance - 1;
    const int top = 31 - int(qCountLeadingZeroBits(d));
    return {2 * top + int((d >> (top - 1)) & 1), top - 1, d & ((1u << (top - 1)) - 1)};
}

// Deflate sends Huffman codes from their high bit, and everything else from the low bit: the
// codes are kept reversed so that all goes into the bit buffer the same way.
std::uint16_t reversed(std::uint32_t code, int length)
{
    static const auto table = [] {
        struct {
            uchar of[256];
        } t{};
        for (int v = 0; v < 256; ++v)
            for (int bit = 0; bit < 8; ++bit)
                t.of[v] |= uchar(((v >> bit) & 1) << (7 - bit));
        return t;
    }();
    const std::uint32_t sixteen =
        (std::uint32_t(table.of[code & 0xff]) << 8) | table.of[(code >> 8) & 0xff];
    return std::uint16_t(sixteen >> (16 - length));
}

// Huffman code lengths for the symbols' frequencies, none longer than limit. At least two
// symbols get a code (if fewer have a frequency, symbols 0 or 1 are added): a code of one
// symbol is not a complete code, which not every inflater accepts.
void huffmanLengths(const std::uint32_t *frequency, int n, int limit, uchar *lengths)
{
    std::fill(lengths, lengths + n, uchar(0));
    std::uint64_t leaves[288]; // frequency << 16 | symbol, then sorted: rarest first
    int m = 0;
    for (int s = 0; s < n; ++s)
        if (frequency[s] > 0)
            leaves[m++] = (std::uint64_t(frequency[s]) << 16) | unsigned(s);
    if (m < 2) {
        const int only = m == 1 ? int(leaves[0] & 0xffff) : 0;
        lengths[only] = 1;
        lengths[only == 0 ? 1 : 0] = 1;
        return;
    }
    std::sort(leaves, leaves + m);
    // Huffman's tree with two queues, the leaves and the inner nodes (made in order of weight):
    // nodes 0..m-1 are the leaves, m.. the inner nodes, each node's parent after it.
    std::uint64_t weight[2 * 288];
    int parent[2 * 288];
    for (int i = 0; i < m; ++i)
        weight[i] = leaves[i] >> 16;
    int leaf = 0, inner = m;
    for (int next = m; next < 2 * m - 1; ++next) {
        int pair[2];
        for (int &pick : pair)
            pick = leaf < m && (inner >= next || weight[leaf] <= weight[inner]) ? leaf++ : inner++;
        weight[next] = weight[pair[0]] + weight[pair[1]];
        parent[pair[0]] = parent[pair[1]] = next;
    }
    int depth[2 * 288];
    int count[2 * 288] = {}; // leaves per depth
    depth[2 * m - 2] = 0;
    int longest = 0;
    for (int i = 2 * m - 3; i >= 0; --i) {
        depth[i] = depth[parent[i]] + 1;
        if (i < m) {
            ++count[depth[i]];
            longest = std::max(longest, depth[i]);
        }
    }
    if (longest > limit) {
        // Every leaf deeper than the limit moves up to it, which makes the code too big (its
        // Kraft sum above one); each step then takes a leaf from the limit and puts it, with
        // another leaf from the deepest level above, one level down: one unit less.
        for (int d = limit + 1; d <= longest; ++d) {
            count[limit] += count[d];
            count[d] = 0;
        }
        std::uint64_t total = 0;
        for (int d = 1; d <= limit; ++d)
            total += std::uint64_t(count[d]) << (limit - d);
        for (; total > (std::uint64_t(1) << limit); --total) {
            --count[limit];
            for (int d = limit - 1; d > 0; --d) {
                if (count[d] > 0) {
                    --count[d];
                    count[d + 1] += 2;
                    break;
                }
            }
        }
        longest = limit;
    }
    // The rarest symbols get the longest codes.
    int i = 0;
    for (int d = longest; d > 0; --d)
        for (int k = 0; k < count[d]; ++k)
            lengths[leaves[i++] & 0xffff] = uchar(d);
}

// The canonical codes of the lengths (RFC 1951, 3.2.2), reversed.
void canonicalCodes(const uchar *lengths, int n, std::uint16_t *codes)
{
    int count[16] = {};
    for (int s = 0; s < n; ++s)
        ++count[lengths[s]];
    count[0] = 0;
    int next[16] = {};
    for (int d = 1, code = 0; d < 16; ++d) {
        code = (code + count[d - 1]) << 1;
        next[d] = code;
    }
    for (int s = 0; s < n; ++s)
        codes[s] = lengths[s] ? reversed(std::uint32_t(next[lengths[s]]++), lengths[s]) : 0;
}

// Bits into bytes, low bit first. put() adds to a 64-bit buffer; flush() writes its whole
// bytes (8 bytes are stored, the buffer's bytes beyond are written again by the next flush).
// Fewer than 8 bits stay after a flush, and no more than 56 bits may be put between flushes.
struct BitWriter {
    uchar *out;
    std::uint64_t bits;
    unsigned count;

    void put(std::uint64_t value, unsigned length)
    {
        bits |= value << count;
        count += length;
    }

    void flush()
    {
        store64(out, qToLittleEndian(bits));
        out += count / 8;
        bits >>= count & ~7u;
        count &= 7;
    }
};

// Literals p[0..k) with their codes, counted in counts[0..2] (a pixel's three bytes in three
// tables, so that a byte's count does not wait for the one before). The bit writer goes by
// value: a local that nothing points to stays in registers while bytes are stored.
PNGSTREAM_INLINE BitWriter putLiterals(BitWriter w, const uchar *p, std::size_t k,
                                       const std::uint16_t *codes, const uchar *lengths,
                                       std::uint32_t (*counts)[256])
{
    for (; k >= 3; k -= 3, p += 3) {
        ++counts[0][p[0]];
        ++counts[1][p[1]];
        ++counts[2][p[2]];
        w.put(codes[p[0]], lengths[p[0]]);
        w.put(codes[p[1]], lengths[p[1]]);
        w.put(codes[p[2]], lengths[p[2]]);
        w.flush();
    }
    for (; k > 0; --k, ++p) {
        ++counts[0][*p];
        w.put(codes[*p], lengths[*p]);
    }
    w.flush();
    return w;
}

// The run of set bits from bit j of mask (at most 64 - j).
std::size_t onesFrom(std::uint64_t mask, int j)
{
    const std::uint64_t rest = ~(mask >> j);
    return rest != 0 ? qCountTrailingZeroBits(rest) : 64;
}

enum class InstructionSet { Portable, Sse2, Avx2 };

// The best the processor has. TCPLAB_PNG_SIMD=none or sse2 asks for less (the tests run
// every path on the machine they run on).
InstructionSet instructionSet()
{
#ifdef PNGSTREAM_X86
    const QByteArray asked = qgetenv("TCPLAB_PNG_SIMD");
    if (asked == "none")
        return InstructionSet::Portable;
    if (asked == "sse2" || !__builtin_cpu_supports("avx2"))
        return InstructionSet::Sse2;
    return InstructionSet::Avx2;
#else
    return InstructionSet::Portable;
#endif
}

// Rows of RGB32 pixels in, a zlib stream of the PNG's filtered rows (each with filter None)
// out. The rows are kept until a block's worth (kBlockBytes) is there, with the row before
// them: the matches with the row above reach it.
class RowDeflater {
public:
    explicit RowDeflater(int width)
        : m_width(width)
        , m_rowBytes(std::size_t(width) * 3 + 1)
        , m_upAllowed(m_rowBytes <= kWindow)
        , m_capacity(std::max<std::size_t>(1, kBlockBytes / m_rowBytes))
        , m_buffer(m_rowBytes * (m_capacity + 1) + kPadding)
    {
        if (m_upAllowed)
            m_up = distanceCode(std::uint32_t(m_rowBytes));
        switch (instructionSet()) {
        case InstructionSet::Portable:
            m_code = &RowDeflater::codeBlockPortable;
            m_convert = Portable::convertRow;
            break;
#ifdef PNGSTREAM_X86
        case InstructionSet::Sse2:
            m_code = &RowDeflater::codeBlockSse2;
            m_convert = Sse2::convertRow;
            break;
        case InstructionSet::Avx2:
            m_code = &RowDeflater::codeBlockAvx2;
            m_convert = Avx2::convertRow;
            break;
#else
        default:
            break;
#endif
        }
    }

    // A band of its own from here: no row before it, codes counted afresh, Adler-32 from 1
    // (a band's stream does not depend on the bands before it, so that bands are compressed
    // on several threads at once).
    void startBand()
    {
        m_rows = 0;
        m_history = 0;
        m_adler = 1;
        m_bits = 0;
        m_count = 0;
        m_counted = false;
        m_started = true; // (the zlib header is PngStream's)
    }

    // After a band's rows: its last rows as a block (not the last), then an empty stored
    // block, which ends the band's stream on a whole byte (zlib's sync flush), so that the
    // next band's bytes follow it as they are.
    void endBand(std::vector<uchar> &out)
    {
        if (m_rows > 0)
            codeRows(false, out);
        uchar end[16];
        BitWriter w{end, m_bits, m_count};
        w.put(0, 3); // not the last block; stored
        w.put(0, (8 - w.count % 8) % 8);
        w.flush();
        static const uchar storedEmpty[4] = {0x00, 0x00, 0xff, 0xff}; // LEN 0, NLEN
        out.insert(out.end(), end, w.out);
        out.insert(out.end(), storedEmpty, storedEmpty + 4);
        m_bits = 0;
        m_count = 0;
    }

    std::uint32_t adler() const { return m_adler; }
    std::size_t rowBytes() const { return m_rowBytes; }

    // rows rows of RGB32 pixels from pixels, stride bytes apart; the stream grows in out.
    void addRows(const uchar *pixels, qsizetype stride, int rows, std::vector<uchar> &out)
    {
        for (int y = 0; y < rows; ++y, pixels += stride) {
            uchar *to = m_buffer.data() + m_rowBytes * (m_rows + 1);
            *to = 0; // filter: None
            m_convert(reinterpret_cast<const std::uint32_t *>(pixels), to + 1, m_width);
            if (++m_rows == m_capacity)
                codeRows(false, out);
        }
    }

    // The last block, and Adler-32: the end of the stream.
    void finish(std::vector<uchar> &out)
    {
        if (m_rows > 0) {
            codeRows(true, out);
        } else {
            // The rows ended with a block: an empty last block (fixed codes) ends the stream.
            start(out);
            uchar end[16];
            BitWriter w{end, m_bits, m_count};
            w.put(1, 1); // the last block
            w.put(1, 2); // fixed codes
            w.put(0, 7); // end of block (256's fixed code is seven 0 bits)
            w.flush();
            out.insert(out.end(), end, w.out);
            m_bits = w.bits;
            m_count = w.count;
        }
        if (m_count > 0) // the last byte, its unused bits 0
            out.push_back(uchar(m_bits));
        for (int shift = 24; shift >= 0; shift -= 8)
            out.push_back(uchar(m_adler >> shift));
    }

private:
    using CodeBlock = void (RowDeflater::*)(std::size_t n, bool last, std::vector<uchar> &out);
    using ConvertRow = void (*)(const std::uint32_t *pixel, uchar *to, int width);

    void start(std::vector<uchar> &out)
    {
        if (!m_started) {
            out.push_back(0x78); // deflate, 32 KiB window
            out.push_back(0x01); // the fastest level; 0x7801 is a multiple of 31, as it must be
            m_started = true;
        }
    }

    void codeRows(bool last, std::vector<uchar> &out)
    {
        start(out);
        const std::size_t n = m_rows * m_rowBytes;
        (this->*m_code)(n, last, out);
        // The last row stays, as the row above the next block's first.
        std::memmove(m_buffer.data(), m_buffer.data() + n, m_rowBytes);
        m_history = m_rowBytes;
        m_rows = 0;
    }

    void codeBlockPortable(std::size_t n, bool last, std::vector<uchar> &out)
    {
        codeBlock<Portable>(n, last, out);
    }
#ifdef PNGSTREAM_X86
    void codeBlockSse2(std::size_t n, bool last, std::vector<uchar> &out)
    {
        codeBlock<Sse2>(n, last, out);
    }
    __attribute__((target("avx2"))) void codeBlockAvx2(std::size_t n, bool last,
                                                       std::vector<uchar> &out)
    {
        codeBlock<Avx2>(n, last, out);
    }
#endif

    template <class Isa>
    PNGSTREAM_INLINE void codeBlock(std::size_t n, bool last, std::vector<uchar> &out);
    static BitWriter writeHeader(BitWriter w, const uchar *lengths, bool last);

    const int m_width;
    const std::size_t m_rowBytes; // a row's filter byte and pixels
    const bool m_upAllowed;       // whether a row above is within deflate's reach
    const std::size_t m_capacity; // rows a block
    std::vector<uchar> m_buffer;  // the row before, the rows to code, kPadding bytes
    std::size_t m_rows = 0;
    std::size_t m_history = 0; // bytes before the rows that the stream has (0 or a row)
    DistanceCode m_up;
    CodeBlock m_code = nullptr;
    ConvertRow m_convert = nullptr;
    std::uint32_t m_adler = 1;
    std::uint64_t m_bits = 0; // what the last block left of its last byte
    unsigned m_count = 0;
    bool m_started = false;
    bool m_counted = false;                  // whether a block has been coded (and counted)
    std::uint32_t m_literalCounts[286] = {}; // the last block's literals and lengths
    std::uint32_t m_distanceCounts[2] = {};  // and its matches with the pixel before, above
    std::unique_ptr<uchar[]> m_scratch;      // a block's code
    std::size_t m_scratchSize = 0;
};

template <class Isa>
void RowDeflater::codeBlock(std::size_t all, bool last, std::vector<uchar> &out)
{
    const uchar *s = m_buffer.data() + m_rowBytes;
    // The first block is coded twice: once for its counts alone (that code is dropped), then
    // with codes from them. The next blocks' codes come from the block before.
    for (bool counting = !m_counted;; counting = false) {
        // A band's first block is counted on its first kCountedBytes only: its codes need
        // not be the best, only good, and that pass is thrown away.
        const std::size_t n = counting ? std::min(all, kCountedBytes) : all;
        // Codes from the counts (every symbol gets one, in case this block has what the last
        // had not).
        std::uint32_t literalFrequency[286], distanceFrequency[30] = {};
        for (int k = 0; k < 286; ++k)
            literalFrequency[k] = 2 * m_literalCounts[k] + 1;
        distanceFrequency[2] = m_distanceCounts[0] + 1; // 3 bytes back
        if (m_upAllowed)
            distanceFrequency[m_up.symbol] = m_distanceCounts[1] + 1;
        else
            distanceFrequency[0] = 1; // (a second code: the code complete)
        uchar lengths[286 + 30];
        huffmanLengths(literalFrequency, 286, 15, lengths);
        huffmanLengths(distanceFrequency, 30, 15, lengths + 286);
        std::uint16_t literalCodes[286], distanceCodes[30];
        canonicalCodes(lengths, 286, literalCodes);
        canonicalCodes(lengths + 286, 30, distanceCodes);

        // Room for the worst: 15 bits a literal, 48 bits a match of 3 bytes or more, the header.
        const std::size_t room = 2 * n + 1024;
        if (m_scratchSize < room) {
            m_scratch.reset(new uchar[room]);
            m_scratchSize = room;
        }
        BitWriter w = writeHeader(BitWriter{m_scratch.get(), m_bits, m_count}, lengths, last);

        // A match's whole code: its length's symbol and extra bits, then its distance's.
        const LengthCodes &lc = lengthCodes();
        std::uint32_t matchCode[259];
        uchar matchBits[259];
        for (int length = 3; length <= 258; ++length) {
            const LengthCode &c = lc.of[length];
            matchCode[length] =
                literalCodes[c.symbol] | (std::uint32_t(c.extra) << lengths[c.symbol]);
            matchBits[length] = uchar(lengths[c.symbol] + c.extraBits);
        }
        const std::uint64_t backCode = distanceCodes[2];
        const unsigned backBits = lengths[286 + 2];
        const std::uint64_t upCode =
            distanceCodes[m_up.symbol] | (std::uint64_t(m_up.extra) << lengths[286 + m_up.symbol]);
        const unsigned upBits = lengths[286 + m_up.symbol] + unsigned(m_up.extraBits);

        // This block's counts, for the next block.
        std::uint32_t literalCounts[3][256] = {};
        std::uint32_t lengthCounts[259] = {};
        std::uint32_t backCount = 0, upCount = 0;

        // The stream reaches back m_history bytes before s: the first block starts without.
        const std::size_t backFrom = m_history >= 3 ? 0 : 3 - m_history;
        const std::size_t upFrom = !m_upAllowed              ? SIZE_MAX
                                   : m_history >= m_rowBytes ? 0
                                                             : m_rowBytes - m_history;
        std::size_t i = 0, literalsFrom = 0;
        while (i < n) {
            // The next 64 bytes: which equal the byte 3 before (the pixel before), which equal
            // the byte a row before. A match may start where 3 in a row equal the pixel before,
            // or 4 the row above (from 3, the file is 0.1% bigger: the distance has extra bits).
            std::uint64_t back = Isa::equalMask(s + i, s + i - 3);
            std::uint64_t up = i >= upFrom ? Isa::equalMask(s + i, s + i - m_rowBytes) : 0;
            if (i < backFrom)
                back &= ~std::uint64_t(0) << (backFrom - i);
            if (n - i < 64) {
                back &= (std::uint64_t(1) << (n - i)) - 1;
                up &= (std::uint64_t(1) << (n - i)) - 1;
            }
            const std::uint64_t starts =
                (back & (back >> 1) & (back >> 2)) | (up & (up >> 1) & (up >> 2) & (up >> 3));
            if (starts == 0) {
                i += 61; // (a match may start at the 62nd byte, its 3rd beyond these 64)
                continue;
            }
            const int j = int(qCountTrailingZeroBits(starts));
            i += std::size_t(j);
            const std::size_t max = std::min<std::size_t>(258, n - i);
            std::size_t backLength = onesFrom(back, j), upLength = onesFrom(up, j);
            // The longer (the one with the pixel before on a tie: its distance has no extra bits).
            if (backLength == std::size_t(64 - j) && backLength < max)
                backLength +=
                    Isa::matchLength(s + i + backLength, s + i + backLength - 3, max - backLength);
            if (upLength == std::size_t(64 - j) && upLength < max && backLength < max)
                upLength += Isa::matchLength(s + i + upLength, s + i + upLength - m_rowBytes,
                                             max - upLength);
            backLength = std::min(backLength, max);
            upLength = std::min(upLength, max);
            w = putLiterals(w, s + literalsFrom, i - literalsFrom, literalCodes, lengths,
                            literalCounts);
            if (backLength >= 3 && backLength >= upLength) {
                w.put(matchCode[backLength], matchBits[backLength]);
                w.put(backCode, backBits);
                ++lengthCounts[backLength];
                ++backCount;
                i += backLength;
            } else {
                w.put(matchCode[upLength], matchBits[upLength]);
                w.put(upCode, upBits);
                ++lengthCounts[upLength];
                ++upCount;
                i += upLength;
            }
            w.flush();
            literalsFrom = i;
        }
        if (literalsFrom < n)
            w = putLiterals(w, s + literalsFrom, n - literalsFrom, literalCodes, lengths,
                            literalCounts);
        w.put(literalCodes[256], lengths[256]); // end of block
        w.flush();
        if (!counting) {
            out.insert(out.end(), m_scratch.get(), w.out);
            m_bits = w.bits;
            m_count = w.count;
        }

        for (int k = 0; k < 256; ++k)
            m_literalCounts[k] = literalCounts[0][k] + literalCounts[1][k] + literalCounts[2][k];
        std::fill(m_literalCounts + 256, m_literalCounts + 286, 0u);
        for (int length = 3; length <= 258; ++length)
            m_literalCounts[lc.of[length].symbol] += lengthCounts[length];
        m_distanceCounts[0] = backCount;
        m_distanceCounts[1] = upCount;
        if (!counting)
            break;
    }
    m_counted = true;
    m_adler = Isa::adler32(m_adler, s, all);
}

// A dynamic block's header (RFC 1951, 3.2.7): its code lengths, themselves run-length coded
// and Huffman coded.
BitWriter RowDeflater::writeHeader(BitWriter w, const uchar *lengths, bool last)
{
    int literals = 286, distances = 30;
    while (literals > 257 && lengths[literals - 1] == 0)
        --literals;
    while (distances > 1 && lengths[286 + distances - 1] == 0)
        --distances;
    uchar all[286 + 30];
    std::memcpy(all, lengths, std::size_t(literals));
    std::memcpy(all + literals, lengths + 286, std::size_t(distances));
    const int total = literals + distances;
    // Symbols 0-15 (a length), 16 (the previous length 3-6 times), 17 (3-10 zeros), 18
    // (11-138 zeros), each with its extra bits' value.
    uchar symbols[286 + 30], extras[286 + 30];
    int m = 0;
    for (int i = 0; i < total;) {
        const uchar v = all[i];
        int run = 1;
        while (i + run < total && all[i + run] == v)
            ++run;
        i += run;
        if (v == 0) {
            for (; run >= 11; run -= std::min(run, 138)) {
                symbols[m] = 18;
                extras[m++] = uchar(std::min(run, 138) - 11);
            }
            if (run >= 3) {
                symbols[m] = 17;
                extras[m++] = uchar(run - 3);
                run = 0;
            }
        } else {
            symbols[m] = v;
            extras[m++] = 0;
            for (--run; run >= 3; run -= std::min(run, 6)) {
                symbols[m] = 16;
                extras[m++] = uchar(std::min(run, 6) - 3);
            }
        }
        for (; run > 0; --run) {
            symbols[m] = v;
            extras[m++] = 0;
        }
    }
    std::uint32_t frequency[19] = {};
    for (int k = 0; k < m; ++k)
        ++frequency[symbols[k]];
    uchar codeLengths[19];
    std::uint16_t codes[19];
    huffmanLengths(frequency, 19, 7, codeLengths);
    canonicalCodes(codeLengths, 19, codes);
    static const uchar order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                    11, 4,  12, 3, 13, 2, 14, 1, 15};
    int sent = 19;
    while (sent > 4 && codeLengths[order[sent - 1]] == 0)
        --sent;
    w.put(last ? 1 : 0, 1);
    w.put(2, 2); // dynamic codes
    w.put(unsigned(literals - 257), 5);
    w.put(unsigned(distances - 1), 5);
    w.put(unsigned(sent - 4), 4);
    w.flush();
    for (int k = 0; k < sent; ++k) {
        w.put(codeLengths[order[k]], 3);
        w.flush();
    }
    static const uchar extraBits[19] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7};
    for (int k = 0; k < m; ++k) {
        w.put(codes[symbols[k]], codeLengths[symbols[k]]);
        w.put(extras[k], extraBits[symbols[k]]);
        w.flush();
    }
    return w;
}

} // namespace

struct PngStream::Band::Coder {
    explicit Coder(int width)
        : rows(width)
    {
    }
    RowDeflater rows;
};

PngStream::Band::Band() = default;
PngStream::Band::~Band() = default;
PngStream::Band::Band(Band &&) noexcept = default;
PngStream::Band &PngStream::Band::operator=(Band &&) noexcept = default;

bool PngStream::compress(const QImage &image, int width, int rows, Band &band)
{
    band.m_bytes.clear();
    band.m_rows = 0;
    if (rows <= 0 || width <= 0 || image.depth() != 32 || image.width() < width ||
        image.height() < rows)
        return false;
    if (!band.m_coder || band.m_width != width) {
        band.m_coder = std::make_unique<Band::Coder>(width);
        band.m_width = width;
    }
    RowDeflater &coder = band.m_coder->rows;
    coder.startBand();
    coder.addRows(image.constScanLine(0), image.bytesPerLine(), rows, band.m_bytes);
    coder.endBand(band.m_bytes);
    band.m_rows = rows;
    band.m_adler = coder.adler();
    band.m_length = std::uint64_t(rows) * coder.rowBytes();
    band.m_crc = std::uint32_t(crc32_z(0, band.m_bytes.data(), band.m_bytes.size()));
    return true;
}

PngStream::PngStream(QIODevice *out, QSize size)
    : m_out(out)
    , m_size(size)
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
}

PngStream::~PngStream() = default;

bool PngStream::chunk(const char *type, const char *data, int size)
{
    const uLong crc = size > 0 // (crc32() of no buffer is the initial value, not the same)
        ? crc32(0, reinterpret_cast<const Bytef *>(data), uInt(size))
        : 0;
    return chunk(type, nullptr, 0, data, size, std::uint32_t(crc));
}

// A chunk of type: head (written first, as it is) then body, whose CRC is bodyCrc.
bool PngStream::chunk(const char *type, const char *head, int headSize, const char *body,
                      qsizetype bodySize, std::uint32_t bodyCrc)
{
    char length[4];
    qToBigEndian<quint32>(quint32(headSize + bodySize), length);
    uLong crc = crc32(0, reinterpret_cast<const Bytef *>(type), 4);
    if (headSize > 0)
        crc = crc32(crc, reinterpret_cast<const Bytef *>(head), uInt(headSize));
    if (bodySize > 0)
        crc = crc32_combine64(crc, bodyCrc, bodySize);
    char check[4];
    qToBigEndian<quint32>(quint32(crc), check);
    return m_out->write(length, 4) == 4 && m_out->write(type, 4) == 4 &&
           (headSize == 0 || m_out->write(head, headSize) == headSize) &&
           (bodySize == 0 || m_out->write(body, bodySize) == bodySize) &&
           m_out->write(check, 4) == 4;
}

// The zlib stream's header: deflate, 32 KiB window, the fastest level (0x7801 is a multiple
// of 31, as it must be). It starts the first IDAT chunk.
static const char kZlibHeader[2] = {0x78, 0x01};

bool PngStream::add(const Band &band)
{
    const int rows = std::min(band.m_rows, m_size.height() - m_rowsWritten);
    if (!m_ok || rows <= 0)
        return m_ok;
    if (band.m_width != m_size.width() || rows != band.m_rows)
        return m_ok = false;
    m_ok = chunk("IDAT", kZlibHeader, m_rowsWritten == 0 ? 2 : 0,
                 reinterpret_cast<const char *>(band.m_bytes.data()),
                 qsizetype(band.m_bytes.size()), band.m_crc);
    m_adler = std::uint32_t(adler32_combine64(m_adler, band.m_adler, band.m_length));
    m_rowsWritten += rows;
    return m_ok;
}

bool PngStream::addRows(const QImage &image, int rows)
{
    rows = std::min(rows, m_size.height() - m_rowsWritten);
    if (!m_ok || rows <= 0)
        return m_ok;
    if (!m_band)
        m_band = std::make_unique<Band>();
    if (!compress(image, m_size.width(), rows, *m_band))
        return m_ok = false;
    return add(*m_band);
}

bool PngStream::finish()
{
    if (m_ok && m_rowsWritten == m_size.height() && m_rowsWritten > 0) {
        // The last block: empty, fixed codes (its three header bits, then 256's seven 0
        // bits), then Adler-32.
        char end[6] = {0x03, 0x00};
        qToBigEndian<quint32>(m_adler, end + 2);
        m_ok = chunk("IDAT", end, 6) && chunk("IEND", nullptr, 0);
    } else {
        m_ok = false;
    }
    return m_ok;
}
