// libFuzzer target: the JSON Lines trace reader. Any bytes must be read or refused with a
// "line N: ..." error (never crash, never throw), and a trace that was accepted must be written
// and read back to the same bytes: what the reader accepts, the writer can say. And every line
// the one-pass reader of the writer's own form takes (issue 13) must read as the same event the
// general way, which takes any form.

#include "trace/jsonfields.h"
#include "trace/jsonl.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

namespace {

void sameEitherWay(std::string_view text)
{
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        tcplab::Event fast;
        if (!tcplab::json::eventFromWriterLine(line, fast))
            continue;
        tcplab::json::Object object;
        tcplab::Event general;
        std::string why;
        if (!object.parse(line, why) || !tcplab::json::eventFromObject(object, general, why)) {
            std::fprintf(stderr,
                         "fuzz_jsonl: taken in one pass, refused the general way (%s):\n%.*s\n",
                         why.c_str(), int(line.size()), line.data());
            std::abort();
        }
        if (general != fast) {
            std::fprintf(stderr, "fuzz_jsonl: read differently in one pass:\n%.*s\n%s\n%s\n",
                         int(line.size()), line.data(), tcplab::toJson(fast).c_str(),
                         tcplab::toJson(general).c_str());
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    sameEitherWay(std::string_view(reinterpret_cast<const char *>(data), size));
    std::istringstream in(std::string(reinterpret_cast<const char *>(data), size));
    tcplab::Trace trace;
    std::string error;
    if (!tcplab::readJsonl(in, trace, error)) {
        // Every refusal names its line, except the one about the whole stream.
        if (error.rfind("line ", 0) != 0 && error != "the trace has no events") {
            std::fprintf(stderr, "fuzz_jsonl: an error that names no line: %s\n", error.c_str());
            std::abort();
        }
        return 0;
    }

    std::ostringstream first;
    tcplab::writeJsonl(first, trace);
    std::istringstream again(first.str());
    tcplab::Trace back;
    if (!tcplab::readJsonl(again, back, error)) {
        std::fprintf(stderr, "fuzz_jsonl: the reader refuses what the writer wrote: %s\n%s",
                     error.c_str(), first.str().c_str());
        std::abort();
    }
    std::ostringstream second;
    tcplab::writeJsonl(second, back);
    if (second.str() != first.str()) {
        std::fprintf(stderr, "fuzz_jsonl: written twice differs:\n%s---\n%s",
                     first.str().c_str(), second.str().c_str());
        std::abort();
    }
    return 0;
}
