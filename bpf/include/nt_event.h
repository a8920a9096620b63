/* The records every nettrace BPF object emits. C# mirrors these in src/Abstractions/Events;
 * a test compares both layouts through the compiled object's BTF. */
#ifndef NT_EVENT_H
#define NT_EVENT_H

#define NT_PKT_CAP 128
#define NT_COMM_LEN 16
#define NT_IFNAME_LEN 16

/* Starts every record so groups can add kinds without the host knowing them in advance. */
struct nt_record_hdr {
	__u16 owner;
	__u16 kind;
	__u32 size;
};

/* Where and when a packet was seen. */
struct nt_pkt_meta {
	__u64 ts;
	__u64 skb;
	__u32 pid;
	__u32 cpu;
	__u32 netns;
	__u32 ifindex;
	char comm[NT_COMM_LEN];
	char ifname[NT_IFNAME_LEN];
};

/* The packet's first bytes from its network header; user space decodes them. */
struct nt_pkt {
	__u16 l3proto; /* EtherType, host byte order */
	__u16 cap_len;
	__u32 len;
	__u8 data[NT_PKT_CAP];
};

/* The prefix of every packet-shaped record. */
struct nt_pkt_event {
	struct nt_record_hdr hdr;
	struct nt_pkt_meta meta;
	struct nt_pkt pkt;
};

_Static_assert(sizeof(struct nt_record_hdr) == 8, "record header layout");
_Static_assert(sizeof(struct nt_pkt_meta) == 64, "packet meta layout");
_Static_assert(sizeof(struct nt_pkt) == 8 + NT_PKT_CAP, "packet capture layout");
_Static_assert(sizeof(struct nt_pkt_event) == 208, "packet event prefix layout");

#endif
