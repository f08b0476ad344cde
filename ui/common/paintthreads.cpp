#include "ui/common/paintthreads.h"

#include <QRunnable>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace {
QThreadPool &pool()
{
    // Never deleted: its threads may still be ending after main()'s statics are gone.
    static QThreadPool *threads = [] {
        auto *p = new QThreadPool;
        p->setExpiryTimeout(-1); // kept
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        return p;
    }();
    return *threads;
}
} // namespace

PaintThreads::PaintThreads(int n, std::function<void()> job)
    : m_job(std::move(job))
    , m_running(std::max(0, n))
{
    for (int t = 0; t < n; ++t) {
        QRunnable *run = QRunnable::create([this] {
            m_job();
            std::lock_guard<std::mutex> lock(m_mutex);
            if (--m_running == 0)
                m_done.notify_all();
        });
        run->setAutoDelete(false); // (ours: wait() may take it back)
        m_runs.emplace_back(run);
        pool().start(run);
    }
}

PaintThreads::~PaintThreads()
{
    wait();
}

void PaintThreads::wait()
{
    for (const std::unique_ptr<QRunnable> &run : m_runs) {
        if (pool().tryTake(run.get())) {
            std::lock_guard<std::mutex> lock(m_mutex);
            --m_running;
        }
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done.wait(lock, [this] { return m_running == 0; });
}

int PaintThreads::count()
{
    return pool().maxThreadCount();
}
