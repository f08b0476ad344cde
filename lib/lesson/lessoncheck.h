#pragma once
// `tcplab-cli lessons check`: runs every step of a lesson in the modes it declares (those the
// caller enables) and verifies what the lesson claims -- that its scenarios hold their own
// waits and expects, that each answer query has an answer which is exactly one option's value,
// that {{queries}} in texts evaluate, and that the simulator and the kernel give the same answer.
// Because answers are computed, a lesson that no longer matches the simulator or the kernel fails.

#include "lesson.h"
#include "liverunner.h"

#include <string>
#include <vector>

namespace lesson {

struct CheckOptions {
    bool sim = true;                  // run the steps that declare sim (or both) in the simulator
    bool live = false;                // run the steps that declare live (or both) through `live`
    LiveRunner *liveRunner = nullptr; // needed when live is on
};

struct CheckReport {
    // "FILE:LINE: lesson 3, step 2 (\"Title\"), question: ..." -- each names the lesson, the
    // step and, where it applies, the question.
    std::vector<std::string> failures;
    std::vector<std::string> skipped; // runs not made in the enabled modes
    int runs = 0;
    int questions = 0;            // question evaluations (one per question and mode)
    bool liveUnavailable = false; // the live runner could not run at all
    bool ok() const { return failures.empty(); }
};

CheckReport checkLesson(const Lesson &lesson, const CheckOptions &options);

} // namespace lesson
