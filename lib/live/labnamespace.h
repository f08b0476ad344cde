#pragma once
// The lab's private world: a new user namespace (so an ordinary user is "root" there) and a
// new network namespace with its own loopback (DESIGN.md, "The live lab runs in a private
// network namespace"). Must run before the process has a second thread: the kernel refuses
// CLONE_NEWUSER to a multithreaded process.

#include <string>

namespace live {

enum class NamespaceResult {
    Ok,
    NotAllowed, // user namespaces are disabled: message says so and names the alternatives
    Failed,     // anything else (message has the system call and its error)
};

NamespaceResult enterLabNamespace(std::string &message);

} // namespace live
