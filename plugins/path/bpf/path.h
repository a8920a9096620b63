/* What the path plugin's entry programs read beside the skb: placed in the payload of struct nt_skb_extra
 * (nt_handoff.h), whose header's kind says which (NT_EXTRA_ICMP_ERROR, _NEIGH, _ROUTE_ERROR) and whose pf
 * holds the address family. C# reads it in Abstractions/Events/PathEvidence.cs. */
#ifndef NT_PATH_H
#define NT_PATH_H

struct nt_path_evidence {
	__u32 value;   /* ICMP error: info (the next-hop MTU for "fragmentation needed"/"packet too big");
			  neighbour: its NUD state; route: the lookup's errno, positive */
	__u8 type;     /* ICMP error: type */
	__u8 code;     /* ICMP error: code */
	__u8 pad[2];
	__u8 addr[16]; /* neighbour: its address (IPv4 in the first 4 bytes) */
};

_Static_assert(sizeof(struct nt_path_evidence) == 24, "path evidence layout");

#endif
