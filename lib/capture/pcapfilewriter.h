#pragma once
// Writes a capture as a classic pcap file that tcpdump and Wireshark read. Packets go to a
// temporary file beside the target; commit() puts it in place of the target, so a reader never
// sees half a capture and an aborted run leaves nothing behind. The temporary has no name
// (O_TMPFILE) where the filesystem allows: then even a writer killed by SIGKILL leaves nothing
// (issue 11, item 6); elsewhere it is temporaryPath(), which a writer's signal handlers remove.

#include <cstddef>
#include <cstdint>
#include <string>

struct pcap;
struct pcap_dumper;
struct pcap_pkthdr;

namespace capture {

class PcapFileWriter {
public:
    PcapFileWriter() = default;
    ~PcapFileWriter(); // removes the temporary file unless committed
    PcapFileWriter(const PcapFileWriter &) = delete;
    PcapFileWriter &operator=(const PcapFileWriter &) = delete;

    bool open(const std::string &path, int linkType, int snapLen, std::string &error);
    bool isOpen() const { return m_dumper != nullptr; }
    void write(const pcap_pkthdr *header, const std::uint8_t *data);
    // Same, from plain values (timestamps in microseconds since the Unix epoch).
    void write(std::int64_t tsUs, const std::uint8_t *data, std::size_t caplen, std::size_t len);
    bool commit(std::string &error);
    void abort();

    const std::string &path() const { return m_path; }
    // The temporary's name: where a named temporary is, or (unnamed) the name it takes for an
    // instant during commit(). A signal handler may unlink it ("" when nothing is open).
    const std::string &temporaryPath() const { return m_tmp; }
    bool isUnnamed() const { return m_unnamedFd >= 0; }
    std::size_t packets() const { return m_packets; }

private:
    pcap *m_dead = nullptr;
    pcap_dumper *m_dumper = nullptr;
    std::string m_path;
    std::string m_tmp;
    std::size_t m_packets = 0;
    int m_unnamedFd = -1; // the O_TMPFILE file's descriptor (libpcap's FILE owns it)
};

} // namespace capture
