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

} // namespace tcplab
