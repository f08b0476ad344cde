#include "capture/pcapfilewriter.h"

#include "trace/atomicfile.h"

#include <cstdio>
#include <unistd.h>
#include <pcap/pcap.h>

namespace capture {

PcapFileWriter::~PcapFileWriter() { abort(); }

bool PcapFileWriter::open(const std::string &path, int linkType, int snapLen, std::string &error)
{
    abort();
    m_dead = pcap_open_dead(linkType, snapLen);
    if (!m_dead) {
        error = path + ": cannot create a pcap writer";
        return false;
    }
    m_path = path;
    m_tmp = tcplab::temporaryPathFor(path);
    const int fd = tcplab::openUnnamedTemporary(path);
    if (fd >= 0) {
        FILE *f = ::fdopen(fd, "wb");
        m_dumper = f ? pcap_dump_fopen(m_dead, f) : nullptr;
        if (m_dumper)
            m_unnamedFd = fd;
        else if (f)
            std::fclose(f);
        else
            ::close(fd);
    }
    // No O_TMPFILE here (or it failed): a named temporary, as before.
    if (!m_dumper)
        m_dumper = pcap_dump_open(m_dead, m_tmp.c_str());
    if (!m_dumper) {
        error = path + ": " + pcap_geterr(m_dead);
        pcap_close(m_dead);
        m_dead = nullptr;
        return false;
    }
    m_packets = 0;
    return true;
}

void PcapFileWriter::write(const pcap_pkthdr *header, const std::uint8_t *data)
{
    if (!m_dumper)
        return;
    pcap_dump(reinterpret_cast<u_char *>(m_dumper), header, data);
    ++m_packets;
}

void PcapFileWriter::write(std::int64_t tsUs, const std::uint8_t *data, std::size_t caplen,
                           std::size_t len)
{
    pcap_pkthdr h{};
    h.ts.tv_sec = tsUs / 1'000'000;
    h.ts.tv_usec = tsUs % 1'000'000;
    h.caplen = bpf_u_int32(caplen);
    h.len = bpf_u_int32(len);
    write(&h, data);
}

bool PcapFileWriter::commit(std::string &error)
{
    if (!m_dumper) {
        error = "no capture file is open";
        return false;
    }
    bool ok;
    if (m_unnamedFd >= 0) {
        // Linked into place while the descriptor is still open; closing it then is harmless.
        ok = pcap_dump_flush(m_dumper) == 0;
        if (!ok)
            error = m_path + ": cannot write the capture";
        else
            ok = tcplab::commitUnnamedTemporary(m_unnamedFd, m_path, error);
        pcap_dump_close(m_dumper);
        m_unnamedFd = -1;
    } else {
        pcap_dump_close(m_dumper); // flushes
        ok = tcplab::commitTemporary(m_tmp, m_path, error);
    }
    m_dumper = nullptr;
    pcap_close(m_dead);
    m_dead = nullptr;
    m_tmp.clear();
    return ok;
}

void PcapFileWriter::abort()
{
    if (m_dumper) {
        pcap_dump_close(m_dumper); // an unnamed temporary goes with its last descriptor
        m_dumper = nullptr;
    }
    const bool named = m_unnamedFd < 0;
    m_unnamedFd = -1;
    if (m_dead) {
        pcap_close(m_dead);
        m_dead = nullptr;
    }
    if (!m_tmp.empty()) {
        if (named)
            std::remove(m_tmp.c_str());
        m_tmp.clear();
    }
}

} // namespace capture
