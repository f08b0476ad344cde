#include "capture/tcppacket.h"

namespace capture {

namespace {

std::uint16_t be16(const std::uint8_t *p) { return std::uint16_t(p[0] << 8 | p[1]); }
std::uint32_t be32(const std::uint8_t *p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

bool fail(std::string *why, const char *text)
{
    if (why)
        *why = text;
    return false;
}

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherVlan = 0x8100;
constexpr std::uint8_t kProtoTcp = 6;

// Finds the IPv4 header behind the link layer; false when the frame carries something else.
bool ipOffset(const std::uint8_t *data, std::size_t caplen, int linkType, std::size_t &offset,
              std::string *why)
{
    switch (linkType) {
    case kLinkEthernet: {
        if (caplen < 14)
            return fail(why, "short Ethernet header");
        std::uint16_t type = be16(data + 12);
        offset = 14;
        while (type == kEtherVlan) { // 802.1Q tags: 4 bytes each
            if (caplen < offset + 4)
                return fail(why, "short VLAN tag");
            type = be16(data + offset + 2);
            offset += 4;
        }
        if (type != kEtherIpv4)
            return fail(why, "not IPv4");
        return true;
    }
    case kLinkLinuxSll:
        if (caplen < 16)
            return fail(why, "short cooked header");
        if (be16(data + 14) != kEtherIpv4)
            return fail(why, "not IPv4");
        offset = 16;
        return true;
    case kLinkNull:
        if (caplen < 4)
            return fail(why, "short loopback header");
        // The family is in the writer's byte order; AF_INET is 2 everywhere.
        if (!(data[0] == 2 && data[3] == 0) && !(data[0] == 0 && data[3] == 2))
            return fail(why, "not IPv4");
        offset = 4;
        return true;
    case kLinkRaw:
        offset = 0;
        return true;
    default:
        return fail(why, "unsupported link type");
    }
}

} // namespace

std::string formatAddress(std::uint32_t addr)
{
    return std::to_string(addr >> 24) + '.' + std::to_string(addr >> 16 & 0xff) + '.'
        + std::to_string(addr >> 8 & 0xff) + '.' + std::to_string(addr & 0xff);
}

std::string describeOptions(const std::uint8_t *opts, std::size_t len)
{
    std::string out;
    auto add = [&out](const std::string &s) {
        if (!out.empty())
            out += ',';
        out += s;
    };
    std::size_t i = 0;
    while (i < len) {
        const std::uint8_t kind = opts[i];
        if (kind == 0) // end of option list
            break;
        if (kind == 1) { // no-operation: padding, not worth showing
            ++i;
            continue;
        }
        if (i + 1 >= len || opts[i + 1] < 2 || i + opts[i + 1] > len) {
            add("bad-option");
            break;
        }
        const std::uint8_t olen = opts[i + 1];
        const std::uint8_t *v = opts + i + 2;
        switch (kind) {
        case 2: add(olen == 4 ? "mss=" + std::to_string(be16(v)) : std::string("mss?")); break;
        case 3: add(olen == 3 ? "wscale=" + std::to_string(v[0]) : std::string("wscale?")); break;
        case 4: add("sackOK"); break;
        case 5: add("sack"); break;
        case 8: add("ts"); break;
        case 30: add("mptcp"); break;
        case 34: add("tfo"); break;
        default: add("opt" + std::to_string(kind)); break;
        }
        i += olen;
    }
    return out;
}

bool dissectFrame(const std::uint8_t *data, std::size_t caplen, int linkType, TcpPacket &out,
                  std::string *why)
{
    std::size_t ip = 0;
    if (!ipOffset(data, caplen, linkType, ip, why))
        return false;
    if (caplen < ip + 20)
        return fail(why, "short IPv4 header");
    const std::uint8_t *h = data + ip;
    if ((h[0] >> 4) != 4)
        return fail(why, "not IPv4");
    const std::size_t ihl = std::size_t(h[0] & 0x0f) * 4;
    const std::size_t total = be16(h + 2);
    if (ihl < 20 || total < ihl || caplen < ip + ihl + 20)
        return fail(why, "bad IPv4 header");
    if (h[9] != kProtoTcp)
        return fail(why, "not TCP");
    if ((be16(h + 6) & 0x3fff) != 0) // more-fragments flag or an offset
        return fail(why, "IPv4 fragment");
    const std::uint8_t *t = h + ihl;
    const std::size_t doff = std::size_t(t[12] >> 4) * 4;
    if (doff < 20 || total < ihl + doff)
        return fail(why, "bad TCP header");
    out.srcAddr = be32(h + 12);
    out.dstAddr = be32(h + 16);
    out.srcPort = be16(t);
    out.dstPort = be16(t + 2);
    out.seq = be32(t + 4);
    out.ack = be32(t + 8);
    out.flags = std::uint8_t(t[13] & 0x1f);
    out.window = be16(t + 14);
    out.len = std::uint32_t(total - ihl - doff);
    const std::size_t optAvail = caplen >= ip + ihl + doff ? doff - 20 : caplen - (ip + ihl + 20);
    out.options = describeOptions(t + 20, optAvail);
    return true;
}

} // namespace capture
