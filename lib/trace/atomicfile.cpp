#include "atomicfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace tcplab {

std::string temporaryPathFor(const std::string &target)
{
    return target + ".tmp." + std::to_string(::getpid());
}

bool commitTemporary(const std::string &tmp, const std::string &target, std::string &error)
{
    int fd = ::open(tmp.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(tmp.c_str(), target.c_str()) != 0) {
        error = target + ": " + std::strerror(errno);
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

bool writeFileAtomically(const std::string &path, const std::string &content, std::string &error)
{
    const std::string tmp = temporaryPathFor(path);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = path + ": " + std::strerror(errno);
        return false;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = path + ": " + std::strerror(errno);
            ::close(fd);
            std::remove(tmp.c_str());
            return false;
        }
        done += std::size_t(n);
    }
    ::close(fd);
    return commitTemporary(tmp, path, error);
}

} // namespace tcplab
