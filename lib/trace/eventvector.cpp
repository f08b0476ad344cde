#include "eventvector.h"

#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace tcplab::detail {

namespace {

void *mapLarge(std::size_t bytes)
{
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    madvise(p, bytes, MADV_HUGEPAGE); // advice: where it is refused, 4 KiB pages serve
    return p;
}

} // namespace

void *growBlock(void *old, std::size_t oldBytes, std::size_t bytes)
{
    if (bytes < kLargeBlock) {
        void *p = std::realloc(old, bytes);
        if (!p)
            throw std::bad_alloc();
        return p;
    }
    if (old && oldBytes >= kLargeBlock) {
        void *p = mremap(old, oldBytes, bytes, MREMAP_MAYMOVE);
        if (p == MAP_FAILED)
            throw std::bad_alloc();
        return p;
    }
    void *p = mapLarge(bytes);
    if (old) {
        std::memcpy(p, old, oldBytes);
        std::free(old);
    }
    return p;
}

void freeBlock(void *p, std::size_t bytes)
{
    if (bytes >= kLargeBlock)
        munmap(p, bytes);
    else
        std::free(p);
}

} // namespace tcplab::detail
