// libFuzzer target: the packet dissector. The first byte picks the link type (the four the
// dissector knows, and one it does not), the rest is the frame as captured. Any frame must be
// decoded or refused with a reason; a decoded packet's options text is bounded by the frame.

#include "capture/tcppacket.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const int kLinkTypes[] = {capture::kLinkNull, capture::kLinkEthernet, capture::kLinkRaw,
                                     capture::kLinkLinuxSll, 228 /* DLT_IPV4: not understood */};
    const int linkType = kLinkTypes[data[0] % 5];
    // A copy of exactly the frame's size, so AddressSanitizer sees any read past its end.
    const std::vector<std::uint8_t> frame(data + 1, data + size);

    capture::TcpPacket packet;
    std::string why;
    const bool ok = capture::dissectFrame(frame.data(), frame.size(), linkType, packet, &why);
    if (!ok && why.empty()) {
        std::fprintf(stderr, "fuzz_dissect: a frame refused without a reason\n");
        std::abort();
    }
    if (ok) {
        (void)capture::formatAddress(packet.srcAddr);
        (void)capture::formatAddress(packet.dstAddr);
    }
    // The options decoder on its own, on any bytes (the dissector only hands it well-formed
    // header lengths).
    (void)capture::describeOptions(frame.data(), frame.size());
    return 0;
}
