#pragma once
// Items made on several threads and used in their order on this one: an export's parts
// (SVG) or strips (PNG) painted on every core while this thread writes the file. Each item is
// made into one of a ring of slots reused from item to item (a strip's image is allocated
// once, not once a strip: touching fresh memory is much of what painting costs), and no
// more than a ring's worth is ahead of the writer, so memory stays bounded.

#include "ui/common/paintthreads.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

// make(i, slot) makes item i into slot (on any thread, several at once); use(i, slot) takes
// it (on this thread, in order; false: stop). stop() is asked before each item is used.
// threads <= 1, or one item: all on this thread. False if use() failed. The slots are
// buffers' (as many are added as are missing); the caller may keep them for the next time.
template <typename Slot>
bool orderedParallel(int count, int threads, const std::function<void(int, Slot &)> &make,
                     const std::function<bool(int, Slot &)> &use,
                     const std::function<bool()> &stop, std::vector<Slot> &buffers)
{
    if (threads <= 1 || count <= 1) {
        if (buffers.empty())
            buffers.resize(1);
        for (int i = 0; i < count && !stop(); ++i) {
            make(i, buffers.front());
            if (!use(i, buffers.front()))
                return false;
        }
        return true;
    }
    const int ring = 2 * threads;
    if (buffers.size() < std::size_t(ring))
        buffers.resize(std::size_t(ring));
    std::vector<int> made(static_cast<std::size_t>(ring), -1); // the item each slot holds, made
    std::mutex mutex;
    std::condition_variable changed;
    int next = 0;     // the next item to make
    int used = 0;     // items before it are used: their slots are free
    bool quit = false;
    auto worker = [&] {
        for (;;) {
            int i;
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return quit || next >= count || next < used + ring; });
                if (quit || next >= count)
                    return;
                i = next++;
            }
            make(i, buffers[std::size_t(i % ring)]);
            {
                std::lock_guard<std::mutex> lock(mutex);
                made[std::size_t(i % ring)] = i;
            }
            changed.notify_all();
        }
    };
    // The workers on the paint threads, this thread using what they make meanwhile.
    bool ok = true;
    PaintThreads workers(threads, worker);
    for (int i = 0; i < count; ++i) {
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return made[std::size_t(i % ring)] == i; });
        }
        if (stop())
            break;
        ok = use(i, buffers[std::size_t(i % ring)]);
        if (!ok)
            break;
        {
            std::lock_guard<std::mutex> lock(mutex);
            made[std::size_t(i % ring)] = -1;
            used = i + 1;
        }
        changed.notify_all();
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        quit = true;
    }
    changed.notify_all();
    workers.wait();
    return ok;
}
