#pragma once
// The body of an endpoint process: reads requests from fd, performs them, answers.

#include "live/endpointprocess.h"

namespace live {

[[noreturn]] void runEndpointChild(int fd, EndpointRole role);

} // namespace live
