#include "live/livecapture.h"

#include <pcap/pcap.h>

namespace live {

LiveCapture::~LiveCapture() { close(); }

void LiveCapture::close()
{
    if (m_pcap) {
        pcap_close(m_pcap);
        m_pcap = nullptr;
        m_fd = -1;
    }
}

bool LiveCapture::open(const std::string &device, const std::string &filter, std::string &error,
                       bool *permissionDenied)
{
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    m_pcap = pcap_create(device.c_str(), errbuf);
    if (!m_pcap) {
        error = "libpcap: " + std::string(errbuf);
        return false;
    }
    pcap_set_snaplen(m_pcap, 262144); // lo's MTU is 65536; GSO frames can be larger
    pcap_set_immediate_mode(m_pcap, 1);
    pcap_set_buffer_size(m_pcap, 4 << 20);
    pcap_set_tstamp_precision(m_pcap, PCAP_TSTAMP_PRECISION_MICRO);
    const int status = pcap_activate(m_pcap);
    if (status < 0) {
        if (permissionDenied)
            *permissionDenied = status == PCAP_ERROR_PERM_DENIED;
        error = "libpcap on " + device + ": " + pcap_statustostr(status);
        const std::string detail = pcap_geterr(m_pcap);
        if (!detail.empty())
            error += " (" + detail + ")";
        close();
        return false;
    }
    bpf_program program{};
    if (pcap_compile(m_pcap, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0
        || pcap_setfilter(m_pcap, &program) != 0) {
        error = "libpcap filter \"" + filter + "\": " + pcap_geterr(m_pcap);
        pcap_freecode(&program);
        close();
        return false;
    }
    pcap_freecode(&program);
    if (pcap_setnonblock(m_pcap, 1, errbuf) != 0) {
        error = "libpcap: " + std::string(errbuf);
        close();
        return false;
    }
    m_fd = pcap_get_selectable_fd(m_pcap);
    m_linkType = pcap_datalink(m_pcap);
    return true;
}

namespace {
void onPacket(u_char *user, const pcap_pkthdr *h, const u_char *bytes)
{
    const auto &fn = *reinterpret_cast<const LiveCapture::PacketFn *>(user);
    fn(std::int64_t(h->ts.tv_sec) * 1'000'000 + h->ts.tv_usec, bytes, h->caplen, h->len);
}
} // namespace

int LiveCapture::drain(const PacketFn &fn)
{
    if (!m_pcap)
        return 0;
    int total = 0;
    for (;;) {
        const int n = pcap_dispatch(m_pcap, -1, onPacket,
                                    reinterpret_cast<u_char *>(const_cast<PacketFn *>(&fn)));
        if (n <= 0)
            break;
        total += n;
    }
    return total;
}

} // namespace live
