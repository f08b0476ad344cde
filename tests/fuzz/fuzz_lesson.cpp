// libFuzzer target: the lesson loader (yaml-cpp underneath). Any text must load or give
// "file:line: ..." errors; nothing may crash or throw out of parseLesson(). The lesson is named
// as if it were in resources/lessons/ so that the scenarios it names by file are found and
// parsed too.

#include "lesson/lessonloader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string yaml(reinterpret_cast<const char *>(data), size);
    const std::string path = std::string(TCPLAB_LESSONS_DIR) + "/99-fuzz.lesson.yaml";
    const lesson::LoadResult result = lesson::parseLesson(yaml, path);
    for (const lesson::LessonError &e : result.errors)
        if (e.line < 0 || e.message.empty()) {
            std::fprintf(stderr, "fuzz_lesson: an error without line or message: %s\n",
                         e.format().c_str());
            std::abort();
        }
    return 0;
}
