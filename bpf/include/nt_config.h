/* The session configuration user space writes into .rodata before load, so the verifier
 * prunes every filter branch the user did not ask for. Mirrored by Host/Bpf/FilterConfig.cs. */
#ifndef NT_CONFIG_H
#define NT_CONFIG_H

struct nt_filter {
	__u64 saddr[2];  /* address bytes in network order; IPv4 in the first 4 */
	__u64 daddr[2];
	__u64 addr[2];   /* source or destination */
	__u8 saddr_family; /* 0 = unset, 4, 6 */
	__u8 daddr_family;
	__u8 addr_family;
	__u8 l4proto;    /* IP protocol number, 0 = any */
	__u16 l3proto;   /* EtherType, host order, 0 = any */
	__u16 sport;     /* host order, 0 = any */
	__u16 dport;
	__u16 port;      /* source or destination */
	__u16 pkt_len_min; /* IP length incl. header; max 0 = no filter */
	__u16 pkt_len_max;
	__u8 tcp_flags;  /* match when any of these is set */
	__u8 pcap;       /* a filter expression is written into nt_pcap_l3 and/or nt_pcap_l2: NT_PCAP_L3, NT_PCAP_L2 (nt_pcap.h) */
	__u8 pad0[6];
	__u32 netns;     /* netns inode, 0 = any */
	__u32 pid;       /* tgid, 0 = any */
	__u32 mark;      /* --mark: skb->mark & mark_mask must be this */
	__u32 mark_mask; /* 0 = no mark filter */
	char ifname[16]; /* --ifname: the skb's device, NUL-padded; empty = any */
};

struct nt_config {
	struct nt_filter filter;
	__u16 owner;     /* the group's owner id, stamped into every record */
	__u8 stack;      /* capture kernel stacks */
	__u8 pad0;
	__u32 rate_limit; /* --rate-limit: at most this many records a second, 0 = no limit */
};

_Static_assert(sizeof(struct nt_filter) == 104, "filter layout");
_Static_assert(sizeof(struct nt_config) == 112, "config layout");

#endif
