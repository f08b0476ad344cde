#pragma once
// The vector a trace keeps its events in: std::vector's interface (what the code uses of it),
// for trivially copyable values, grown without copying. A trace of a million events is 64 MB
// grown by doubling; with std::vector every growth copies all the events into fresh memory,
// and on a virtual machine the page faults of touching it cost more than the simulator spends
// making the events (bench_core: a bulk transfer spent three quarters of its time there).
// Here a block of 2 MiB and more is mapped on its own, advised for 2 MiB pages
// (madvise(MADV_HUGEPAGE), which Debian's default "madvise" setting honours), and grows by
// mremap(), which moves page tables instead of bytes; smaller blocks grow by realloc().

#include "event.h"

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <type_traits>

namespace tcplab {

namespace detail {
// Storage of `bytes` (a multiple of kPage when large); old may be null. Throws std::bad_alloc.
void *growBlock(void *old, std::size_t oldBytes, std::size_t bytes);
void freeBlock(void *p, std::size_t bytes);
constexpr std::size_t kLargeBlock = std::size_t(2) << 20;
} // namespace detail

template <typename T> class TrivialVector {
    static_assert(std::is_trivially_copyable<T>::value, "values are moved as bytes");
    static_assert(detail::kLargeBlock % sizeof(T) == 0, "a large block holds whole values");

public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = T &;
    using const_reference = const T &;
    using iterator = T *;
    using const_iterator = const T *;

    TrivialVector() = default;
    TrivialVector(std::initializer_list<T> values) { assign(values.begin(), values.end()); }
    TrivialVector(const TrivialVector &o) { assign(o.begin(), o.end()); }
    TrivialVector(TrivialVector &&o) noexcept : m_data(o.m_data), m_size(o.m_size), m_cap(o.m_cap)
    {
        o.m_data = nullptr;
        o.m_size = o.m_cap = 0;
    }
    TrivialVector &operator=(const TrivialVector &o)
    {
        if (this != &o)
            assign(o.begin(), o.end());
        return *this;
    }
    TrivialVector &operator=(TrivialVector &&o) noexcept
    {
        if (this != &o) {
            release();
            m_data = o.m_data;
            m_size = o.m_size;
            m_cap = o.m_cap;
            o.m_data = nullptr;
            o.m_size = o.m_cap = 0;
        }
        return *this;
    }
    ~TrivialVector() { release(); }

    void assign(const T *first, const T *last)
    {
        const std::size_t n = std::size_t(last - first);
        if (n > m_cap) {
            release();
            reserve(n);
        }
        if (n)
            std::memmove(static_cast<void *>(m_data), first, n * sizeof(T));
        m_size = n;
    }

    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_cap; }
    bool empty() const { return m_size == 0; }
    T *data() { return m_data; }
    const T *data() const { return m_data; }
    T *begin() { return m_data; }
    T *end() { return m_data + m_size; }
    const T *begin() const { return m_data; }
    const T *end() const { return m_data + m_size; }
    const T *cbegin() const { return m_data; }
    const T *cend() const { return m_data + m_size; }
    T &operator[](std::size_t i) { return m_data[i]; }
    const T &operator[](std::size_t i) const { return m_data[i]; }
    T &at(std::size_t i)
    {
        check(i);
        return m_data[i];
    }
    const T &at(std::size_t i) const
    {
        check(i);
        return m_data[i];
    }
    T &front() { return m_data[0]; }
    const T &front() const { return m_data[0]; }
    T &back() { return m_data[m_size - 1]; }
    const T &back() const { return m_data[m_size - 1]; }

    void reserve(std::size_t n)
    {
        if (n <= m_cap)
            return;
        std::size_t bytes = n * sizeof(T);
        if (bytes >= detail::kLargeBlock)
            bytes = (bytes + detail::kLargeBlock - 1) / detail::kLargeBlock * detail::kLargeBlock;
        m_data = static_cast<T *>(detail::growBlock(m_data, m_cap * sizeof(T), bytes));
        m_cap = bytes / sizeof(T);
    }
    void push_back(const T &v)
    {
        if (m_size == m_cap) {
            const T copy = v; // v may be one of ours
            grow(m_size + 1);
            m_data[m_size++] = copy;
        } else {
            m_data[m_size++] = v;
        }
    }
    template <typename... Args> T &emplace_back(Args &&...args)
    {
        push_back(T(std::forward<Args>(args)...));
        return back();
    }
    T *insert(const T *pos, const T &v)
    {
        const std::size_t at = std::size_t(pos - m_data);
        const T copy = v;
        if (m_size == m_cap)
            grow(m_size + 1);
        std::memmove(static_cast<void *>(m_data + at + 1), m_data + at, (m_size - at) * sizeof(T));
        m_data[at] = copy;
        ++m_size;
        return m_data + at;
    }
    T *erase(const T *first, const T *last)
    {
        const std::size_t at = std::size_t(first - m_data), n = std::size_t(last - first);
        std::memmove(static_cast<void *>(m_data + at), m_data + at + n,
                     (m_size - at - n) * sizeof(T));
        m_size -= n;
        return m_data + at;
    }
    T *erase(const T *pos) { return erase(pos, pos + 1); }
    void pop_back() { --m_size; }
    void resize(std::size_t n)
    {
        if (n > m_cap)
            grow(n);
        for (std::size_t i = m_size; i < n; ++i)
            new (m_data + i) T();
        m_size = n;
    }
    void clear() { m_size = 0; }

    bool operator==(const TrivialVector &o) const
    {
        if (m_size != o.m_size)
            return false;
        for (std::size_t i = 0; i < m_size; ++i)
            if (!(m_data[i] == o.m_data[i]))
                return false;
        return true;
    }
    bool operator!=(const TrivialVector &o) const { return !(*this == o); }

private:
    void grow(std::size_t atLeast)
    {
        std::size_t n = m_cap ? m_cap * 2 : 256;
        reserve(n < atLeast ? atLeast : n);
    }
    void check(std::size_t i) const
    {
        if (i >= m_size)
            throw std::out_of_range("TrivialVector::at");
    }
    void release()
    {
        if (m_data)
            detail::freeBlock(m_data, m_cap * sizeof(T));
        m_data = nullptr;
        m_size = m_cap = 0;
    }

    T *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_cap = 0;
};

using EventVector = TrivialVector<Event>;

} // namespace tcplab
