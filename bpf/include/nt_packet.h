/* Finding, parsing and filtering the packet an skb carries. Parsing here exists only to apply
 * the user's filter in the kernel; user space decodes the captured bytes for display. */
#ifndef NT_PACKET_H
#define NT_PACKET_H

#include "nt_common.h"
#include "nt_pcap.h"

#define NT_ETH_P_IP 0x0800
#define NT_ETH_P_IPV6 0x86DD
#define NT_ETH_P_ARP 0x0806
#define NT_ETH_HLEN 14
#define NT_IPV6_MAX_EXT 6

/* Wire formats (not kernel types, so no CO-RE). */
struct nt_iphdr {
	__u8 ver_ihl;
	__u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	__u8 ttl;
	__u8 protocol;
	__u16 check;
	__be32 saddr;
	__be32 daddr;
};

struct nt_ipv6hdr {
	__be32 vtc_flow;
	__be16 payload_len;
	__u8 nexthdr;
	__u8 hop_limit;
	__u8 saddr[16];
	__u8 daddr[16];
};

struct nt_ext_hdr {
	__u8 nexthdr;
	__u8 len;
	__be16 frag_off; /* fragment header only */
};

struct nt_parsed {
	unsigned char *l3;
	__u16 l3proto;
	__u8 l4proto;
	__u8 family; /* 4, 6 or 0 */
	__u8 has_ports;
	__u8 tcp_flags;
	__u8 from_sock; /* no headers yet: the flow is the socket's (nt_sock_flow.h) */
	__u8 skb_refused; /* --ifname or --mark refuses the skb (nt_skb_filter_refuses) */
	__u16 ip_len;
	__u16 sport;
	__u16 dport;
	__u16 l3_avail; /* bytes from l3 to the end of the linear data: what a filter expression may read */
	__u16 mac_len;  /* the link-layer header's bytes before l3 (0: none there), for a link-layer expression */
	struct sk_buff *skb; /* the packet's skb (NULL: an XDP frame), read only by a link-layer expression */
	__u64 saddr[2];
	__u64 daddr[2];
};

static __always_inline bool nt_header_set(__u16 off)
{
	return off != 0 && off != (__u16)~0U;
}

/* The sk_buff fields that locate the headers. Every kernel nettrace supports keeps them in one run, from
 * protocol to data, so a hit reads them with one probe read instead of five (each a helper call, on every
 * traced function a packet passes); a kernel that lays them out otherwise gets the five reads. */
struct nt_skb_headers {
	__be16 protocol;
	__u16 transport_header;
	__u16 network_header;
	__u16 mac_header;
	__u32 tail;
	__u32 end;
	unsigned char *head;
	unsigned char *data;
};

#define NT_SKB_OFF(field) bpf_core_field_offset(struct sk_buff, field)

static __always_inline bool nt_skb_headers_in_one_run(void)
{
	__u32 base = NT_SKB_OFF(protocol);
	return NT_SKB_OFF(network_header) == base + 4 && NT_SKB_OFF(mac_header) == base + 6 &&
	       NT_SKB_OFF(head) == base + 16 && NT_SKB_OFF(data) == base + 24;
}

static __always_inline void nt_read_skb_headers(struct sk_buff *skb, struct nt_skb_headers *h)
{
	if (nt_skb_headers_in_one_run() &&
	    !bpf_probe_read_kernel(h, sizeof(*h), (void *)skb + NT_SKB_OFF(protocol)))
		return;
	h->head = BPF_CORE_READ(skb, head);
	h->data = BPF_CORE_READ(skb, data);
	h->tail = BPF_CORE_READ(skb, tail);
	h->network_header = BPF_CORE_READ(skb, network_header);
	h->mac_header = BPF_CORE_READ(skb, mac_header);
	h->protocol = BPF_CORE_READ(skb, protocol);
}

/* Where the L3 header starts and which EtherType it has. */
static __always_inline void nt_locate_l3(struct sk_buff *skb, struct nt_parsed *p)
{
	struct nt_skb_headers h;
	nt_read_skb_headers(skb, &h);
	unsigned char *head = h.head;
	unsigned char *data = h.data;
	__u16 nh = h.network_header;
	__u16 mh = h.mac_header;
	__u16 proto = bpf_ntohs(h.protocol);

	if (nt_header_set(nh) && !(nt_header_set(mh) && nh == mh)) {
		p->l3 = head + nh;
	} else if (nt_header_set(mh) && head + mh == data) {
		/* Still at the link layer: skip the Ethernet header. */
		__be16 eth_proto = 0;
		bpf_probe_read_kernel(&eth_proto, sizeof(eth_proto), data + 12);
		proto = bpf_ntohs(eth_proto);
		p->l3 = data + NT_ETH_HLEN;
	} else {
		p->l3 = data;
	}
	if (!proto) {
		/* Locally built packets may not have skb->protocol yet: trust the IP version. */
		__u8 ver = 0;
		bpf_probe_read_kernel(&ver, 1, p->l3);
		ver >>= 4;
		proto = ver == 4 ? NT_ETH_P_IP : ver == 6 ? NT_ETH_P_IPV6 : 0;
	}
	p->l3proto = proto;
	/* An Ethernet header right before l3, alone or with one or two VLAN tags kept in the frame (a received packet's
	 * stays in the buffer once pulled). */
	__u64 gap = nt_header_set(mh) ? (__u64)p->l3 - (__u64)(head + mh) : 0;
	if (gap == NT_ETH_HLEN || gap == NT_ETH_HLEN + 4 || gap == NT_ETH_HLEN + 8)
		p->mac_len = gap;
	__u64 end = (__u64)head + h.tail, at = (__u64)p->l3;
	p->l3_avail = at < end ? (end - at > 0xffff ? 0xffff : end - at) : 0;
}

static __always_inline void nt_parse_l4(struct nt_parsed *p, unsigned char *l4)
{
	if (p->l4proto != 6 && p->l4proto != 17)
		return;
	__be16 ports[2] = {};
	if (bpf_probe_read_kernel(ports, sizeof(ports), l4))
		return;
	p->sport = bpf_ntohs(ports[0]);
	p->dport = bpf_ntohs(ports[1]);
	p->has_ports = 1;
	if (p->l4proto == 6)
		bpf_probe_read_kernel(&p->tcp_flags, 1, l4 + 13);
}

/* The ports and TCP flags from the first 14 bytes of an L4 header. */
static __always_inline void nt_ports_from(struct nt_parsed *p, const __u8 *l4)
{
	p->sport = ((__u16)l4[0] << 8) | l4[1];
	p->dport = ((__u16)l4[2] << 8) | l4[3];
	p->has_ports = 1;
	if (p->l4proto == 6)
		p->tcp_flags = l4[13];
}

/* An IPv4 header without options is read together with the L4 header's first bytes: one probe read for the
 * whole filter. Bytes past the packet's end come from the same buffer (tail room, shared info) and are read
 * only for TCP and UDP, whose headers the stack keeps linear. */
struct nt_ipv4_and_l4 {
	struct nt_iphdr ip;
	__u8 l4[14];
};

static __always_inline void nt_parse_ipv4(struct nt_parsed *p)
{
	struct nt_ipv4_and_l4 both;
	bool with_l4 = !bpf_probe_read_kernel(&both, sizeof(both), p->l3);
	if (!with_l4 && bpf_probe_read_kernel(&both.ip, sizeof(both.ip), p->l3))
		return;
	struct nt_iphdr *ip = &both.ip;
	p->family = 4;
	p->l4proto = ip->protocol;
	p->ip_len = bpf_ntohs(ip->tot_len);
	p->saddr[0] = ip->saddr;
	p->daddr[0] = ip->daddr;
	if (bpf_ntohs(ip->frag_off) & 0x1fff)
		return; /* a later fragment carries no L4 header */
	if (with_l4 && (ip->ver_ihl & 0x0f) == 5) {
		if (p->l4proto == 6 || p->l4proto == 17)
			nt_ports_from(p, both.l4);
		return;
	}
	nt_parse_l4(p, p->l3 + ((ip->ver_ihl & 0x0f) << 2));
}

static __always_inline void nt_parse_ipv6(struct nt_parsed *p)
{
	struct nt_ipv6hdr ip6;
	if (bpf_probe_read_kernel(&ip6, sizeof(ip6), p->l3))
		return;
	p->family = 6;
	p->ip_len = bpf_ntohs(ip6.payload_len) + sizeof(ip6);
	__builtin_memcpy(p->saddr, ip6.saddr, 16);
	__builtin_memcpy(p->daddr, ip6.daddr, 16);

	__u8 next = ip6.nexthdr;
	__u32 off = sizeof(ip6);
	bool later_fragment = false;
#pragma unroll
	for (int i = 0; i < NT_IPV6_MAX_EXT; i++) {
		struct nt_ext_hdr ext;
		if (next != 0 && next != 43 && next != 44 && next != 51 && next != 60)
			break;
		if (bpf_probe_read_kernel(&ext, sizeof(ext), p->l3 + off))
			return;
		if (next == 44) {
			later_fragment = bpf_ntohs(ext.frag_off) & 0xfff8;
			off += 8;
		} else if (next == 51) {
			off += ((__u32)ext.len + 2) << 2;
		} else {
			off += ((__u32)ext.len + 1) << 3;
		}
		next = ext.nexthdr;
		if (later_fragment)
			break;
	}
	p->l4proto = next;
	if (!later_fragment)
		nt_parse_l4(p, p->l3 + off);
}

/* --mark and --ifname: the skb's own fields, read only when a filter names them (each test is a constant false
 * the verifier removes otherwise). The device's name is compared as two words. */
static __always_inline bool nt_skb_filter_refuses(struct sk_buff *skb)
{
	const volatile struct nt_filter *f = &nt_cfg.filter;

	if (f->mark_mask && (BPF_CORE_READ(skb, mark) & f->mark_mask) != f->mark)
		return true;
	if (f->ifname[0]) {
		__u64 name[2] = {};
		struct net_device *dev = BPF_CORE_READ(skb, dev);
		if (!dev || bpf_probe_read_kernel(name, sizeof(name), dev->name))
			return true;
		const volatile __u64 *want = (const volatile __u64 *)f->ifname;
		return name[0] != want[0] || name[1] != want[1];
	}
	return false;
}

static __always_inline void nt_parse(struct sk_buff *skb, struct nt_parsed *p)
{
	p->skb = skb;
	p->skb_refused = nt_skb_filter_refuses(skb);
	nt_locate_l3(skb, p);
	if (p->l3proto == NT_ETH_P_IP)
		nt_parse_ipv4(p);
	else if (p->l3proto == NT_ETH_P_IPV6)
		nt_parse_ipv6(p);
}

/* Reads the config through its volatile type: a plain copy would let the compiler fold in the
 * all-zero initializer instead of the value user space wrote before load. */
static __always_inline bool nt_addr_eq(const volatile __u64 *want, __u8 family, const __u64 *have)
{
	if (family == 4)
		return (__u32)want[0] == (__u32)have[0];
	return want[0] == have[0] && want[1] == have[1];
}

#include "nt_pcap_frame.h"

/* The user's packet filter; every disabled test is a constant false the verifier removes. */
static __always_inline bool nt_packet_matches(const struct nt_parsed *p)
{
	const volatile struct nt_filter *f = &nt_cfg.filter;

	if (p->skb_refused)
		return false;
	if (f->l3proto && p->l3proto != f->l3proto)
		return false;
	if (f->l4proto && p->l4proto != f->l4proto)
		return false;
	if (f->saddr_family && (p->family != f->saddr_family || !nt_addr_eq(f->saddr, f->saddr_family, p->saddr)))
		return false;
	if (f->daddr_family && (p->family != f->daddr_family || !nt_addr_eq(f->daddr, f->daddr_family, p->daddr)))
		return false;
	if (f->addr_family && (p->family != f->addr_family ||
			       (!nt_addr_eq(f->addr, f->addr_family, p->saddr) &&
				!nt_addr_eq(f->addr, f->addr_family, p->daddr))))
		return false;
	if ((f->sport || f->dport || f->port) && !p->has_ports)
		return false;
	if (f->sport && p->sport != f->sport)
		return false;
	if (f->dport && p->dport != f->dport)
		return false;
	if (f->port && p->sport != f->port && p->dport != f->port)
		return false;
	if (f->pkt_len_max && (p->ip_len < f->pkt_len_min || p->ip_len > f->pkt_len_max))
		return false;
	if (f->tcp_flags && (p->l4proto != 6 || !(p->tcp_flags & f->tcp_flags)))
		return false;
	/* Last: the expression costs a call and a probe read per load; the other tests are a compare each. */
	if (f->pcap && !nt_pcap_matches(p))
		return false;
	return true;
}

static __always_inline bool nt_netns_rejected(__u32 netns)
{
	return nt_cfg.filter.netns && netns != nt_cfg.filter.netns;
}

/* The netns filter, reading the skb's namespace (two probe reads) only when a filter names one; the namespace
 * read is left in *netns for the record. */
static __always_inline bool nt_netns_filter_rejects(struct sk_buff *skb, __u32 *netns)
{
	if (!nt_cfg.filter.netns)
		return false;
	*netns = nt_skb_netns(skb);
	return *netns != nt_cfg.filter.netns;
}

/* Copies the packet's first bytes (from L3) that lie in the skb's linear data. */
static __always_inline void nt_capture(struct nt_pkt *pkt, struct sk_buff *skb, const struct nt_parsed *p)
{
	unsigned char *head = BPF_CORE_READ(skb, head);
	__u32 tail = BPF_CORE_READ(skb, tail);
	__u64 l3off = p->l3 - head;
	__u32 avail = l3off < tail ? tail - (__u32)l3off : 0;

	pkt->l3proto = p->l3proto;
	pkt->len = BPF_CORE_READ(skb, len);
	if (avail > NT_PKT_CAP)
		avail = NT_PKT_CAP;
	/* The helper's size must be bounded in the register it gets: clamped again after an opaque mask, the
	 * compiler cannot hand it an unclamped copy reloaded from the stack, which 6.1's verifier refuses. */
	asm volatile("%0 &= 0xff" : "+r"(avail));
	if (avail > NT_PKT_CAP)
		avail = NT_PKT_CAP;
	if (avail && bpf_probe_read_kernel(pkt->data, avail, p->l3))
		avail = 0;
	pkt->cap_len = avail;
}

#endif
