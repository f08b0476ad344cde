#include "live/labnamespace.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace live {

namespace {

std::string notAllowed(const std::string &why)
{
    return "User namespaces are not allowed here (" + why
        + "), so the live lab cannot create its private network: run with --mode sim, watch "
          "your own programs on the host's loopback with `tcplab-cli watch --port N`, or "
          "enable user namespaces with `sysctl kernel.unprivileged_userns_clone=1` (and "
          "`user.max_user_namespaces` above 0).";
}

bool writeProcFile(const char *path, const std::string &text, std::string &error, int &err)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        err = errno;
        error = std::string(path) + ": " + std::strerror(err);
        return false;
    }
    const ssize_t n = ::write(fd, text.data(), text.size());
    err = errno;
    ::close(fd);
    if (n != ssize_t(text.size())) {
        error = std::string(path) + ": " + std::strerror(err);
        return false;
    }
    return true;
}

bool userNamespacesDisabled()
{
    // Debian and Ubuntu kernels have this switch; others do not (then unshare tells us).
    std::ifstream in("/proc/sys/kernel/unprivileged_userns_clone");
    int value = 1;
    return in >> value && value == 0 && ::geteuid() != 0;
}

bool loopbackUp(std::string &error)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = std::string("socket: ") + std::strerror(errno);
        return false;
    }
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    bool ok = ::ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
    if (ok) {
        ifr.ifr_flags = short(ifr.ifr_flags | IFF_UP | IFF_RUNNING);
        ok = ::ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
    }
    if (!ok)
        error = std::string("bringing lo up: ") + std::strerror(errno);
    ::close(fd);
    return ok;
}

} // namespace

NamespaceResult enterLabNamespace(std::string &message)
{
    if (userNamespacesDisabled()) {
        message = notAllowed("kernel.unprivileged_userns_clone is 0");
        return NamespaceResult::NotAllowed;
    }
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
        const int err = errno;
        if (err == EPERM || err == ENOSPC || err == EUSERS) {
            message = notAllowed(std::string("unshare: ") + std::strerror(err));
            return NamespaceResult::NotAllowed;
        }
        message = std::string("cannot create the lab's namespace: unshare: ") + std::strerror(err);
        return NamespaceResult::Failed;
    }
    // Map ourselves to root inside; "deny" first, as user_namespaces(7) requires for gid_map.
    std::string error;
    int err = 0;
    if (!writeProcFile("/proc/self/setgroups", "deny", error, err)
        || !writeProcFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1", error, err)
        || !writeProcFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1", error, err)) {
        // AppArmor's restrict_unprivileged_userns lets unshare succeed and fails here.
        if (err == EPERM) {
            message = notAllowed(error);
            return NamespaceResult::NotAllowed;
        }
        message = "cannot set up the lab's user namespace: " + error;
        return NamespaceResult::Failed;
    }
    // A network namespace shares the host's TCP established-hash table (262144 buckets here)
    // unless its parent sets net.ipv4.tcp_child_ehash_entries (Linux 6.1+), and every sock_diag
    // dump walks the whole table: ~2 ms, too slow to poll every millisecond. So set a small
    // table in this namespace and enter a second one, which gets it. Older kernels lack the
    // sysctl: then the lab stays in the first namespace, with slower dumps.
    if (writeProcFile("/proc/sys/net/ipv4/tcp_child_ehash_entries", "256", error, err)
        && ::unshare(CLONE_NEWNET) != 0) {
        message = std::string("cannot create the lab's network namespace: unshare: ")
            + std::strerror(errno);
        return NamespaceResult::Failed;
    }
    if (!loopbackUp(error)) {
        message = "cannot set up the lab's network: " + error;
        return NamespaceResult::Failed;
    }
    return NamespaceResult::Ok;
}

} // namespace live
