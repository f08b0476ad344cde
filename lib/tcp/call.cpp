#include "call.h"

namespace tcp {

namespace {
constexpr const char *kNames[kCallCount] = {"listen", "connect",  "accept", "send", "recv",
                                            "shutdown", "close", "abort",  "exit"};
}

const char *callName(Call c) { return kNames[static_cast<int>(c)]; }

bool parseCall(const std::string &name, Call &out)
{
    for (int i = 0; i < kCallCount; ++i) {
        if (name == kNames[i]) {
            out = static_cast<Call>(i);
            return true;
        }
    }
    return false;
}

} // namespace tcp
