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

int openUnnamedTemporary(const std::string &target, unsigned mode)
{
    const std::size_t slash = target.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string(".")
                                                       : target.substr(0, slash ? slash : 1);
    // Less the umask, as for a named file.
    return ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode_t(mode));
}

bool commitUnnamedTemporary(int fd, const std::string &target, std::string &error)
{
    ::fsync(fd);
    const std::string tmp = temporaryPathFor(target);
    // Through /proc/self/fd with AT_SYMLINK_FOLLOW: AT_EMPTY_PATH would need
    // CAP_DAC_READ_SEARCH. A stale file of that name (a pid reused after a crash in the
    // instant between link and rename) is ours to replace.
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    int rc = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW);
    if (rc != 0 && errno == EEXIST) {
        ::unlink(tmp.c_str());
        rc = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW);
    }
    if (rc != 0) {
        error = target + ": " + std::strerror(errno);
        return false;
    }
    if (std::rename(tmp.c_str(), target.c_str()) != 0) {
        error = target + ": " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return false;
    }
    return true;
}

bool writeFileAtomically(const std::string &path, const std::string &content, std::string &error)
{
    // Unnamed where possible: a writer killed mid-write leaves no temporary file.
    const std::string tmp = temporaryPathFor(path);
    int fd = openUnnamedTemporary(path, 0644);
    const bool unnamed = fd >= 0;
    if (!unnamed)
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
            if (!unnamed)
                std::remove(tmp.c_str());
            return false;
        }
        done += std::size_t(n);
    }
    if (unnamed) {
        const bool ok = commitUnnamedTemporary(fd, path, error);
        ::close(fd);
        return ok;
    }
    ::close(fd);
    return commitTemporary(tmp, path, error);
}

} // namespace tcplab
