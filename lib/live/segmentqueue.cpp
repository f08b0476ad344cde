#include "live/segmentqueue.h"

#include "live/ports.h"
#include "live/toolprocess.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/netfilter.h>
#include <sys/socket.h>
#include <unistd.h>

extern "C" {
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <libnfnetlink/libnfnetlink.h>
}

namespace live {

namespace {

constexpr std::uint16_t kQueueNumber = 0;
// A GSO segment on lo is up to 64 KiB (NFQA_CFG_F_GSO hands it over whole); the netlink
// message adds its attributes.
constexpr std::size_t kBufferSize = 65536 + 4096;

std::string describe(const char *what)
{
    return std::string("netfilter queue: ") + what + ": " + std::strerror(errno);
}

// The iptables-restore programs to try, best first: iptables-nft (the xt NFQUEUE target through
// nf_tables' compat layer, a few ms) then iptables-legacy (ip_tables, if the host has it
// loaded). TCPLAB_IPTABLES_RESTORE names another program (a distribution that installs it
// elsewhere; the tests point it at one that does not exist).
std::vector<Tool> restoreTools()
{
    if (const char *own = std::getenv("TCPLAB_IPTABLES_RESTORE"); own && *own) {
        // Named by its path, so that a missing one is not looked up on PATH instead.
        return {Tool{own, {}, {"--noflush"}, "iptables"}};
    }
    std::vector<Tool> tools;
    for (const char *name : {"iptables-nft-restore", "iptables-legacy-restore"}) {
        const std::string n = name;
        tools.push_back(Tool{n, {"/usr/sbin/" + n, "/sbin/" + n}, {"--noflush"}, "iptables"});
    }
    return tools;
}

} // namespace

SegmentQueue::~SegmentQueue() { close(); }

void SegmentQueue::close()
{
    // The rules stay until the namespace goes; --queue-bypass lets segments through once no
    // one reads the queue.
    if (m_queue)
        nfq_destroy_queue(m_queue);
    if (m_handle)
        nfq_close(m_handle);
    m_queue = nullptr;
    m_handle = nullptr;
    m_fd = -1;
}

bool SegmentQueue::open(std::uint16_t port, std::string &error)
{
    m_handle = nfq_open();
    if (!m_handle) {
        error = describe("opening NETLINK_NETFILTER");
        return false;
    }
    nfq_bind_pf(m_handle, AF_INET); // a no-op on kernels since 3.8; older ones need it
    m_queue = nfq_create_queue(m_handle, kQueueNumber, &SegmentQueue::onPacket, this);
    if (!m_queue) {
        error = describe("binding queue 0");
        close();
        return false;
    }
    if (nfq_set_mode(m_queue, NFQNL_COPY_PACKET, 0xffff) < 0) {
        error = describe("asking for whole packets");
        close();
        return false;
    }
    // GSO: a large send arrives whole, not cut into MTU-sized copies. FAIL_OPEN: should the
    // queue ever fill, the kernel lets segments through rather than lose them.
    const std::uint32_t flags = NFQA_CFG_F_GSO | NFQA_CFG_F_FAIL_OPEN;
    nfq_set_queue_flags(m_queue, flags, flags);
    nfq_set_queue_maxlen(m_queue, 4096);
    nfnl_rcvbufsiz(nfq_nfnlh(m_handle), 8u << 20);
    m_fd = nfq_fd(m_handle);
    ::fcntl(m_fd, F_SETFD, FD_CLOEXEC);
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_buf.resize(kBufferSize);

    // Both directions of the lab's connection, on its own lo, in its own namespace.
    const std::string p = std::to_string(port);
    const std::string q = " -j NFQUEUE --queue-num " + std::to_string(kQueueNumber)
        + " --queue-bypass\n";
    const std::string script = "*filter\n"
                               "-A OUTPUT -o lo -p tcp --dport " + p + q
        + "-A OUTPUT -o lo -p tcp --sport " + p + q + "COMMIT\n";
    std::string firstError;
    for (const Tool &tool : restoreTools()) {
        std::string why;
        if (runTool(tool, script, why)) {
            m_tool = tool.name;
            return true;
        }
        // A tool that is there and fails says more than one that is missing.
        const bool missing = why.find(": not found (install") != std::string::npos;
        if (firstError.empty() || (!missing && firstError.find(": not found (install") != std::string::npos))
            firstError = why;
    }
    const std::size_t nl = firstError.find('\n');
    error = nl == std::string::npos ? firstError : firstError.substr(0, nl);
    close();
    return false;
}

int SegmentQueue::onPacket(nfq_q_handle *, nfgenmsg *, nfq_data *nfa, void *self)
{
    auto *q = static_cast<SegmentQueue *>(self);
    const nfqnl_msg_packet_hdr *h = nfq_get_msg_packet_hdr(nfa);
    if (!h)
        return 0;
    Held held;
    held.id = ntohl(h->packet_id);
    held.heldUs = realtimeUs();
    unsigned char *payload = nullptr;
    const int len = nfq_get_payload(nfa, &payload);
    held.data = payload;
    held.len = len > 0 ? std::size_t(len) : 0;
    if (q->m_fn)
        (*q->m_fn)(held);
    else
        q->release(held.id, true);
    return 0;
}

int SegmentQueue::drain(const HeldFn &fn)
{
    if (!m_handle)
        return 0;
    int total = 0;
    m_fn = &fn;
    for (;;) {
        const ssize_t n = ::recv(m_fd, m_buf.data(), m_buf.size(), MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR || errno == ENOBUFS)
                continue; // ENOBUFS: the socket overran; what is still queued keeps coming
            break;
        }
        if (n == 0)
            break;
        nfq_handle_packet(m_handle, m_buf.data(), int(n));
        ++total;
    }
    m_fn = nullptr;
    return total;
}

std::int64_t SegmentQueue::release(std::uint32_t id, bool deliver)
{
    if (m_queue)
        nfq_set_verdict(m_queue, id, deliver ? NF_ACCEPT : NF_DROP, 0, nullptr);
    return realtimeUs();
}

} // namespace live
