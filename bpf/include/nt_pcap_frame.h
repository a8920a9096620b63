/* The filter expression's run on a packet nt_packet.h parsed: the IP header's program, or the frame's where only the
 * link layer answers (or the frame decides a non-IP packet otherwise), with an offloaded VLAN tag put back. Included
 * by nt_packet.h once struct nt_parsed is known. */
#ifndef NT_PCAP_FRAME_H
#define NT_PCAP_FRAME_H

#include "nt_pcap.h"

/* The VLAN tag the device took out of the skb's frame, as it stood on the wire (TPID, TCI); 0 when none. */
static __always_inline __be16 nt_skb_vlan(struct sk_buff *skb, __u16 *tci)
{
	__be16 proto = BPF_CORE_READ(skb, vlan_proto);
	if (bpf_core_field_exists(skb->vlan_present) && !BPF_CORE_READ_BITFIELD_PROBED(skb, vlan_present))
		return 0;
	*tci = BPF_CORE_READ(skb, vlan_tci);
	return proto;
}

/* Whether the header before l3 is an Ethernet one a frame expression can read: the device's type says. */
static __always_inline bool nt_ethernet_frame(const struct nt_parsed *p)
{
	if (!p->mac_len)
		return false;
	struct sk_buff *skb = p->skb;
	if (!skb)
		return true; /* an XDP frame */
	unsigned short type = BPF_CORE_READ(skb, dev, type);
	return type == 1 || type == 772;
}

/* The link-layer expression over the frame; an offloaded VLAN tag is put back where the wire had it, in a copy. */
static __always_inline bool nt_pcap_frame(const struct nt_parsed *p, __u32 len)
{
	unsigned char *frame = p->l3 - p->mac_len;
	__u32 avail = (__u32)p->l3_avail + p->mac_len;
	__u16 tci = 0;
	__be16 tpid = p->skb ? nt_skb_vlan(p->skb, &tci) : 0;
	if (!tpid)
		return nt_pcap_call_l2((__u64)frame, avail, len);
	__u32 level = nt_nest_level();
	struct nt_frame_buf *buf = bpf_map_lookup_elem(&nt_frames, &level);
	if (!buf || bpf_probe_read_kernel(buf->bytes, 12, frame))
		return false;
	*(__be16 *)&buf->bytes[12] = tpid;
	buf->bytes[14] = tci >> 8;
	buf->bytes[15] = tci & 0xff;
	__u32 rest = avail - 12;
	if (rest > 0xff)
		rest = 0xff;
	/* Bounded by the mask alone, in the register the helper gets: 6.1's verifier does not carry a later clamp to a
	 * copy the compiler reloads from the stack (see nt_capture). 16 + 255 bytes fit the buffer. */
	asm volatile("%0 &= 0xff" : "+r"(rest));
	if (rest && bpf_probe_read_kernel(buf->bytes + 16, rest, frame + 12))
		return false;
	/* The translation adds unbounded offsets to the address it is given, which the verifier allows on a number,
	 * not on a map value's pointer: the address is read back through the stack as a plain number. */
	void *copy = buf->bytes;
	__u64 at = 0;
	if (bpf_probe_read_kernel(&at, sizeof(at), &copy))
		return false;
	return nt_pcap_call_l2(at, 16 + rest, len + 4);
}

/* The filter expression: the IP header's program for IP packets (and for a packet without an Ethernet header), the
 * frame's for a non-IP packet with one; an expression only the link layer answers, the frame's or nothing. */
static __always_inline bool nt_pcap_matches(const struct nt_parsed *p)
{
	if (p->from_sock)
		return false;
	bool ip = p->l3proto == NT_ETH_P_IP || p->l3proto == NT_ETH_P_IPV6;
	bool frame = nt_ethernet_frame(p);
	if (nt_cfg.filter.pcap == NT_PCAP_L3 && (ip || !frame))
		return nt_pcap_call((__u64)p->l3, p->l3_avail, p->ip_len);
	if (!frame)
		return false;
	return nt_pcap_frame(p, (p->ip_len ? p->ip_len : p->l3_avail) + p->mac_len);
}

#endif
