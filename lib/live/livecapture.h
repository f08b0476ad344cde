#pragma once
// libpcap on an interface (the namespace's lo, or the host's for `watch`): immediate mode, so a
// packet is handed over as soon as the kernel has it; non-blocking, so the coordinator's one
// poll() loop can wait on its selectable descriptor together with everything else.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

struct pcap;

namespace live {

class LiveCapture {
public:
    // tsUs: the kernel's timestamp (CLOCK_REALTIME µs); len: the length on the wire.
    using PacketFn = std::function<void(std::int64_t tsUs, const std::uint8_t *data,
                                        std::size_t caplen, std::size_t len)>;

    LiveCapture() = default;
    ~LiveCapture();
    LiveCapture(const LiveCapture &) = delete;
    LiveCapture &operator=(const LiveCapture &) = delete;

    // permissionDenied is set when the failure is a missing CAP_NET_RAW.
    bool open(const std::string &device, const std::string &filter, std::string &error,
              bool *permissionDenied = nullptr);
    void close();
    bool isOpen() const { return m_pcap != nullptr; }
    int fd() const { return m_fd; }
    int linkType() const { return m_linkType; }
    // Hands every packet waiting to fn; returns how many.
    int drain(const PacketFn &fn);

private:
    pcap *m_pcap = nullptr;
    int m_fd = -1;
    int m_linkType = 0;
};

} // namespace live
