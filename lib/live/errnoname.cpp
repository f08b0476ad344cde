#include "live/errnoname.h"

#include <cerrno>

namespace live {

namespace {
struct Name {
    int value;
    const char *name;
};
// The errors a socket call of the lab can return (socket(7), tcp(7), connect(2), recv(2) ...).
constexpr Name kNames[] = {
    {ECONNREFUSED, "ECONNREFUSED"}, {ECONNRESET, "ECONNRESET"},   {EPIPE, "EPIPE"},
    {ETIMEDOUT, "ETIMEDOUT"},       {EAGAIN, "EAGAIN"},           {EINPROGRESS, "EINPROGRESS"},
    {ENOTCONN, "ENOTCONN"},         {EINVAL, "EINVAL"},           {EADDRINUSE, "EADDRINUSE"},
    {EADDRNOTAVAIL, "EADDRNOTAVAIL"}, {EISCONN, "EISCONN"},       {EALREADY, "EALREADY"},
    {EBADF, "EBADF"},               {EINTR, "EINTR"},             {ECONNABORTED, "ECONNABORTED"},
    {EHOSTUNREACH, "EHOSTUNREACH"}, {ENETUNREACH, "ENETUNREACH"}, {EACCES, "EACCES"},
    {EPERM, "EPERM"},               {ENOBUFS, "ENOBUFS"},         {ENOMEM, "ENOMEM"},
    {EMFILE, "EMFILE"},             {ENFILE, "ENFILE"},           {EOPNOTSUPP, "EOPNOTSUPP"},
    {EAFNOSUPPORT, "EAFNOSUPPORT"}, {ENOTSOCK, "ENOTSOCK"},       {EDESTADDRREQ, "EDESTADDRREQ"},
    {EMSGSIZE, "EMSGSIZE"},         {ENETDOWN, "ENETDOWN"},       {ENETRESET, "ENETRESET"},
    {EHOSTDOWN, "EHOSTDOWN"},       {ESRCH, "ESRCH"},             {EIO, "EIO"},
    {EFAULT, "EFAULT"},             {ENOENT, "ENOENT"},           {ENOSPC, "ENOSPC"},
};
} // namespace

std::string errnoName(int err)
{
    if (err == EWOULDBLOCK) // == EAGAIN on Linux; one name, the one SO_RCVTIMEO documents
        return "EAGAIN";
    for (const Name &n : kNames) {
        if (n.value == err)
            return n.name;
    }
    return "errno " + std::to_string(err);
}

} // namespace live
