/* The user's filter expression (pcap-filter(7), as tcpdump takes it), run in the kernel.
 *
 * libpcap compiles the expression to classic BPF; the host translates that to eBPF (CbpfTranslator) and writes it
 * over the body of nt_pcap_l3 in the object's ELF image before libbpf opens it (PacketFilterStub). The body only
 * reserves the room: NT_PCAP_ROOM instructions the compiler cannot fold. Without an expression nt_cfg.filter.pcap
 * is 0 and the verifier drops the call as dead code, so the room costs nothing at run time. */
#ifndef NT_PCAP_H
#define NT_PCAP_H

#include "nt_common.h"

#define NT_PCAP_ROOM 512
#define NT_PCAP_STR2(x) #x
#define NT_PCAP_STR(x) NT_PCAP_STR2(x)

/* l3: the IP header's kernel address; avail: the bytes readable there; len: the IP packet's length. Returns 1
 * when the expression selects the packet. The name is what the host looks for. */
static __noinline __attribute__((unused)) int nt_pcap_l3(__u64 l3, __u32 avail, __u32 len)
{
	int verdict;
	asm volatile("%0 = 0\n\t.rept " NT_PCAP_STR(NT_PCAP_ROOM) "\n\t%0 = %0\n\t.endr"
		     : "=r"(verdict) : "r"(l3), "r"(avail), "r"(len));
	return verdict;
}

/* The same for an expression only the link layer answers (ether, vlan, arp...), compiled for Ethernet frames: frame
 * is the Ethernet header's address, avail the bytes readable there, len the frame's length. */
static __noinline __attribute__((unused)) int nt_pcap_l2(__u64 frame, __u32 avail, __u32 len)
{
	int verdict;
	asm volatile("%0 = 0\n\t.rept " NT_PCAP_STR(NT_PCAP_ROOM) "\n\t%0 = %0\n\t.endr"
		     : "=r"(verdict) : "r"(frame), "r"(avail), "r"(len));
	return verdict;
}

/* The arguments made opaque, so the compiler passes all three in r1-r3 as the translation expects, and never
 * specialises the function for constants of one call site. */
static __always_inline bool nt_pcap_call(__u64 l3, __u32 avail, __u32 len)
{
	asm volatile("" : "+r"(l3), "+r"(avail), "+r"(len));
	return nt_pcap_l3(l3, avail, len) != 0;
}

static __always_inline bool nt_pcap_call_l2(__u64 frame, __u32 avail, __u32 len)
{
	asm volatile("" : "+r"(frame), "+r"(avail), "+r"(len));
	return nt_pcap_l2(frame, avail, len) != 0;
}

/* nt_filter.pcap: which programs the expression has. */
#define NT_PCAP_L3 1 /* the IP header's (DLT_RAW); a non-IP packet with an Ethernet header gets the frame's (DLT_EN10MB) */
#define NT_PCAP_L2 2 /* the frame's only: the expression names the link layer, so a packet without one is refused */

/* A frame rebuilt with its VLAN tag where the device took the tag out of it (skb->vlan_tci): one per nesting level,
 * and one for a program that holds none. */
#define NT_FRAME_CAP 272 /* the tag's 4 bytes, the MAC addresses' 12, and up to 255 more of the frame */

struct nt_frame_buf {
	__u8 bytes[NT_FRAME_CAP];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NT_NEST_LEVELS + 1);
	__type(key, __u32);
	__type(value, struct nt_frame_buf);
} nt_frames SEC(".maps");

#endif
