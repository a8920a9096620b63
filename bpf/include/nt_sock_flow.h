/* A socket's flow as a parsed packet (local address and port = source), for skbs that carry no headers yet: the
 * TCP write queue's (tcp_skb_entail), whose headers are built only when the segment is sent. */
#ifndef NT_SOCK_FLOW_H
#define NT_SOCK_FLOW_H

#include "nt_packet.h"

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct in6_addr___flow {
	union {
		__u8 u6_addr8[16];
	} in6_u;
};

struct sock_common___flow {
	__be32 skc_daddr;
	__be32 skc_rcv_saddr;
	__be16 skc_dport;
	__u16 skc_num;
	unsigned short skc_family;
	struct in6_addr___flow skc_v6_daddr;
	struct in6_addr___flow skc_v6_rcv_saddr;
};

struct sock___flow {
	struct sock_common___flow __sk_common;
	__u16 sk_protocol;
};

#pragma clang attribute pop

#define NT_AF_INET 2
#define NT_AF_INET6 10

/* Fills p from a TCP or UDP socket's addresses and ports; false for any other socket (p untouched). */
static __always_inline bool nt_parse_sock_flow(void *sock, struct nt_parsed *p)
{
	struct sock___flow *sk = sock;
	if (!sk)
		return false;
	__u16 proto = BPF_CORE_READ(sk, sk_protocol);
	if (proto != 6 && proto != 17)
		return false;
	unsigned short family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (family == NT_AF_INET) {
		p->saddr[0] = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		p->daddr[0] = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		p->family = 4;
		p->l3proto = NT_ETH_P_IP;
	} else if (family == NT_AF_INET6) {
		BPF_CORE_READ_INTO(&p->saddr, sk, __sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8);
		BPF_CORE_READ_INTO(&p->daddr, sk, __sk_common.skc_v6_daddr.in6_u.u6_addr8);
		p->family = 6;
		p->l3proto = NT_ETH_P_IPV6;
	} else {
		return false;
	}
	p->l4proto = proto;
	p->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
	p->dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	p->has_ports = 1;
	p->from_sock = 1;
	return true;
}

/* The capture of such an skb: an IP header and the ports, as the segment will carry them (the length is the data
 * queued so far; no sequence number or flags exist yet). */
static __always_inline void nt_capture_sock_flow(struct nt_pkt *pkt, struct sk_buff *skb, const struct nt_parsed *p)
{
	__u32 len = BPF_CORE_READ(skb, len);
	__be16 ports[2] = { bpf_htons(p->sport), bpf_htons(p->dport) };
	pkt->l3proto = p->l3proto;
	pkt->len = len;
	if (p->family == 4) {
		struct nt_iphdr ip = {
			.ver_ihl = 0x45,
			.tot_len = bpf_htons(sizeof(ip) + sizeof(ports)),
			.ttl = 0,
			.protocol = p->l4proto,
			.saddr = (__be32)p->saddr[0],
			.daddr = (__be32)p->daddr[0],
		};
		__builtin_memcpy(pkt->data, &ip, sizeof(ip));
		__builtin_memcpy(pkt->data + sizeof(ip), ports, sizeof(ports));
		pkt->cap_len = sizeof(ip) + sizeof(ports);
	} else {
		struct nt_ipv6hdr ip6 = { .vtc_flow = bpf_htonl(6U << 28), .payload_len = bpf_htons(sizeof(ports)), .nexthdr = p->l4proto };
		__builtin_memcpy(ip6.saddr, p->saddr, 16);
		__builtin_memcpy(ip6.daddr, p->daddr, 16);
		__builtin_memcpy(pkt->data, &ip6, sizeof(ip6));
		__builtin_memcpy(pkt->data + sizeof(ip6), ports, sizeof(ports));
		pkt->cap_len = sizeof(ip6) + sizeof(ports);
	}
}

#endif
