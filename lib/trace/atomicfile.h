#pragma once
// Writes a file so that readers see the old content or the new, never half of it: a temporary
// file in the same folder, flushed to disk, then renamed over the target (what QSaveFile does,
// for the parts of TCP Lab that have no Qt).

#include <string>

namespace tcplab {

bool writeFileAtomically(const std::string &path, const std::string &content, std::string &error);
// A unique temporary path beside target, for writers that need a path (libpcap's dumper).
std::string temporaryPathFor(const std::string &target);
// Renames a finished temporary file over target after flushing it to disk.
bool commitTemporary(const std::string &tmp, const std::string &target, std::string &error);

// A temporary with no name in target's folder (O_TMPFILE), for a writer that may be killed:
// until it is committed, a death of any kind -- SIGKILL included -- leaves nothing behind.
// -1 (errno set) where the filesystem or kernel has no O_TMPFILE: then use temporaryPathFor().
int openUnnamedTemporary(const std::string &target, unsigned mode = 0666);
// Flushes the unnamed temporary fd to disk and puts it in place of target: linked as
// temporaryPathFor(target), then renamed over target (a link cannot replace a file). The name
// exists only between those two calls. Does not close fd.
bool commitUnnamedTemporary(int fd, const std::string &target, std::string &error);

} // namespace tcplab
