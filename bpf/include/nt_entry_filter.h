/* The packet filter at an entry program, before its hand-off: while no skb is followed, a hit the user's filter
 * refuses can never make a record, so it costs this test and nothing else (no hand-off slot, tail call or worker,
 * and for a plugin's entry none of what it reads for its extra). Shared by the engine's entries and the plugins'. */
#ifndef NT_ENTRY_FILTER_H
#define NT_ENTRY_FILTER_H

#include "nt_packet.h"
#include "nt_handoff.h"
#include "../engine/engine.h"

/* One element, shared with the plugins' objects by file descriptor. */
struct nt_gate {
	__u32 refuse;    /* the host: an unfollowed hit is decided by the filter alone (not --func-stats unfiltered) */
	__u32 following; /* the engine's worker: an skb is followed, so every hit must reach the worker */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct nt_gate);
} nt_gate SEC(".maps");

static __always_inline struct nt_gate *nt_gate_get(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&nt_gate, &zero); /* an array lookup: inlined by the verifier */
}

/* Only refusals the worker would make too; whatever it decides otherwise (a followed skb, a socket's flow, an
 * skb read through a pointer) goes on to it. */
static __always_inline bool nt_entry_refuses(__u64 skb, __u64 cookie)
{
	struct nt_gate *gate = nt_gate_get();
	if (!gate || !gate->refuse || gate->following)
		return false;
	if (cookie & NT_COOKIE_NOSTART)
		return true;
	if (cookie & (NT_COOKIE_SOCK_START | NT_COOKIE_SKB_PTR))
		return false;
	__u32 netns = 0;
	if (!skb || nt_pid_rejected() || nt_netns_filter_rejects((struct sk_buff *)skb, &netns))
		return true;
	struct nt_parsed p = {};
	nt_parse((struct sk_buff *)skb, &p);
	return !nt_packet_matches(&p);
}

#endif
