#pragma once
// Reads a lesson file (docs/lesson-format.md) into a Lesson. Every mistake is reported as
// "file:line: what is wrong" (1-based lines, from the YAML node that is wrong, or from the map
// that lacks a key), and all of them are reported, not just the first.

#include "lesson.h"

#include <string>
#include <vector>

namespace lesson {

struct LessonError {
    std::string file;
    int line = 0;
    std::string message;
    std::string format() const; // "file:line: message"
};

struct LoadOptions {
    // Where a scenario named by file is looked for after the lesson's own folder, in order.
    // A lesson in resources/lessons/ also finds resources/scenarios/ (its sibling) without it.
    std::vector<std::string> scenarioDirs;
};

struct LoadResult {
    Lesson lesson;
    std::vector<LessonError> errors;
    bool ok() const { return errors.empty(); }
};

LoadResult loadLesson(const std::string &path, const LoadOptions &options = {});
// The same for text already read; path names the file in errors and locates its scenarios.
LoadResult parseLesson(const std::string &yaml, const std::string &path,
                       const LoadOptions &options = {});

// Every *.lesson.yaml of a folder, sorted by lesson number. The lessons that load are kept; the
// errors of those that do not (and of two files with one number) are listed.
struct DirectoryResult {
    std::vector<Lesson> lessons;
    std::vector<LessonError> errors;
    bool found = false; // the folder exists
    bool ok() const { return found && errors.empty(); }
};
DirectoryResult loadLessonDirectory(const std::string &dir, const LoadOptions &options = {});

} // namespace lesson
