// libFuzzer target: the JSON Lines trace reader. Any bytes must be read or refused with a
// "line N: ..." error (never crash, never throw), and a trace that was accepted must be written
// and read back to the same bytes: what the reader accepts, the writer can say.

#include "trace/jsonl.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
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
