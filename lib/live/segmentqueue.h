#pragma once
// Every segment of the lab's connection, held on its way out until the lab says what becomes of
// it (issue 12): an NFQUEUE (libnetfilter_queue) fed by two iptables rules in the lab's own
// namespace, `-A OUTPUT -o lo -p tcp --dport|--sport PORT -j NFQUEUE`. The hook is LOCAL_OUT:
// the sender's TCP has already changed state and transmitted, the receiver has not seen the
// segment. While it is held a sock_diag snapshot shows the sender's new state (SYN_SENT,
// SYN_RECEIVED, FIN_WAIT_1, LAST_ACK) and the receiver's previous one; release() delivers or
// drops it. (nftables' own `queue` statement needs CONFIG_NFT_QUEUE, which Debian's cloud
// kernels may lack; the xt NFQUEUE target through iptables-nft's compat layer, or
// iptables-legacy, is there.) Everything lives in the namespace and goes with it.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

struct nfq_handle;
struct nfq_q_handle;
struct nfq_data;
struct nfgenmsg;

namespace live {

class SegmentQueue {
public:
    struct Held {
        std::uint32_t id = 0;            // the kernel's packet id, for release()
        std::int64_t heldUs = 0;         // CLOCK_REALTIME µs when the lab read it off the queue
        const std::uint8_t *data = nullptr; // the IPv4 packet (no link-layer header)
        std::size_t len = 0;
    };
    // Given each held segment; must call release() for it before returning.
    using HeldFn = std::function<void(const Held &)>;

    SegmentQueue() = default;
    ~SegmentQueue();
    SegmentQueue(const SegmentQueue &) = delete;
    SegmentQueue &operator=(const SegmentQueue &) = delete;

    // Binds queue 0 and installs the rules for TCP port `port` on lo. false with one sentence's
    // worth of why ("iptables-nft-restore: not found (install iptables)", "netfilter queue:
    // Operation not permitted").
    bool open(std::uint16_t port, std::string &error);
    void close();
    bool isOpen() const { return m_queue != nullptr; }
    int fd() const { return m_fd; }

    // Reads every segment waiting and hands each to fn; returns how many.
    int drain(const HeldFn &fn);
    // The verdict: deliver (NF_ACCEPT) or drop (NF_DROP). Returns CLOCK_REALTIME µs when the
    // kernel had it (on lo a delivered segment is received within the call).
    std::int64_t release(std::uint32_t id, bool deliver);

    // Which iptables-restore installed the rules ("iptables-nft-restore").
    const std::string &tool() const { return m_tool; }

private:
    static int onPacket(nfq_q_handle *qh, nfgenmsg *msg, nfq_data *nfa, void *self);

    nfq_handle *m_handle = nullptr;
    nfq_q_handle *m_queue = nullptr;
    int m_fd = -1;
    const HeldFn *m_fn = nullptr; // during drain()
    std::string m_tool;
    std::vector<char> m_buf;
};

} // namespace live
