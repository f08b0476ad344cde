#include "endpoint.h"

namespace tcp {

const char *errorName(Error e)
{
    switch (e) {
    case Error::None: return "0";
    case Error::Again: return "EAGAIN";
    case Error::ConnRefused: return "ECONNREFUSED";
    case Error::ConnReset: return "ECONNRESET";
    case Error::TimedOut: return "ETIMEDOUT";
    case Error::Pipe: return "EPIPE";
    case Error::NotConn: return "ENOTCONN";
    case Error::IsConn: return "EISCONN";
    case Error::Already: return "EALREADY";
    case Error::Inval: return "EINVAL";
    }
    return "?";
}

std::string CallResult::text(bool isRecv) const
{
    if (error != Error::None)
        return errorName(error);
    if (isRecv && value == 0)
        return "EOF";
    return std::to_string(value);
}

// The state machine itself is being written (see endpoint.h for the contract).

} // namespace tcp
