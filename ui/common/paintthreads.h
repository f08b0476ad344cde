#pragma once
// The threads that exports paint and measure on, kept from one export to the next: Qt caches
// fonts, their metrics and the glyphs it has drawn per thread, and a new thread's first labels
// cost several times what its next ones do (on a 1,000-event diagram, a PNG export on new
// threads spent twice as long drawing its labels as one on threads that had drawn them).

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QRunnable;

class PaintThreads {
public:
    // job() on n of the paint threads at once (each as soon as one is free), from now until
    // wait(). n <= 0: none.
    PaintThreads(int n, std::function<void()> job);
    // wait()s.
    ~PaintThreads();
    PaintThreads(const PaintThreads &) = delete;
    PaintThreads &operator=(const PaintThreads &) = delete;

    // Until every job() that started has returned; those that have not started by then (the
    // threads busy with another export's, or not yet woken) never will: what calls this has
    // had its work done already (by the jobs that ran, or by itself).
    void wait();

    // How many of them run at once: at least 2 (as many as the processor has cores).
    static int count();

private:
    std::function<void()> m_job;
    std::vector<std::unique_ptr<QRunnable>> m_runs;
    std::mutex m_mutex;
    std::condition_variable m_done;
    int m_running = 0;
};
