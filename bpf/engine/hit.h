/* A lifecycle hit: whether an skb is followed or starts being followed, the user's filter, and the record. The
 * engine's entry workers and the fexit programs on tc and XDP programs (prog_verdict.bpf.c) share it; the latter's
 * object takes the engine's maps by file descriptor, so both follow the same skbs. */
#ifndef NT_HIT_H
#define NT_HIT_H

#include "nt_packet.h"
#include "engine.h"
#include "nt_entry_filter.h"
#include "nt_sock_flow.h"
#include "nt_hist.h"

const volatile struct nt_engine_cfg nt_engine = {};

/* skb address → when it was first matched. Bounded: the oldest entries go first. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1 << 16);
	__type(key, __u64);
	__type(value, __u64);
} nt_track SEC(".maps");

/* --latency: each followed skb's first and latest hit. */
struct nt_latency_state {
	__u64 first_ns;
	__u64 last_ns;
	__u16 first_trace;
	__u16 last_trace;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1 << 16);
	__type(key, __u64);
	__type(value, struct nt_latency_state);
} nt_latency SEC(".maps");

/* --latency-summary: skbs per log2 bucket of their latency in microseconds, per CPU. */
NT_HIST_MAP(nt_latency_hist);

/* --latency, a followed skb's hit: the latest hit is remembered; at the free the latency is counted (summary) or
 * returned for the record (0: no record). */
static __always_inline __u64 nt_latency_step(__u64 key, __u64 cookie, __u32 *span)
{
	struct nt_latency_state *s = bpf_map_lookup_elem(&nt_latency, &key);
	if (!s)
		return 0;
	__u64 now = bpf_ktime_get_ns();
	__u16 trace = cookie & NT_COOKIE_TRACE_MASK;
	if (!(cookie & NT_COOKIE_FREE)) {
		s->last_ns = now;
		s->last_trace = trace;
		return 0;
	}
	/* Upstream's rule: the free counts with --latency-free, or when --trace-free made this function the end. */
	bool to_free = nt_engine.latency_free || (cookie & NT_COOKIE_ENDS);
	__u64 latency = (to_free ? now : s->last_ns) - s->first_ns;
	*span = s->first_trace | ((__u32)(to_free ? trace : s->last_trace) << 16);
	bpf_map_delete_elem(&nt_latency, &key);
	if (latency < nt_engine.latency_min_ns)
		return 0;
	if (nt_engine.latency == NT_LAT_SUMMARY) {
		nt_hist_count(&nt_latency_hist, latency / 1000);
		return 0;
	}
	return latency ? latency : 1;
}

/* --func-stats: hits per trace id, per CPU (no lock on the hot path); user space sums them. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NT_RET_TRACES);
	__type(key, __u32);
	__type(value, __u64);
} nt_func_counts SEC(".maps");

/* The gate says when the first skb is followed. Until then no hit looks nt_track up, and the entries refuse
 * what the filter refuses (nt_entry_filter.h): an always-on lifecycle session waiting for its packet pays one
 * filter test per hit. */
static __always_inline void nt_follow(__u64 skb, __u64 now)
{
	bpf_map_update_elem(&nt_track, &skb, &now, BPF_ANY);
	struct nt_gate *gate = nt_gate_get();
	if (gate && !gate->following)
		gate->following = 1;
}

static __always_inline bool nt_followed(__u64 skb)
{
	if (!nt_engine.track)
		return false;
	struct nt_gate *gate = nt_gate_get();
	return gate && gate->following && bpf_map_lookup_elem(&nt_track, &skb);
}

/* The packet of a hit; an skb with neither network nor link header yet (the TCP write queue's) takes the flow of
 * the socket the function was passed. The caller passes that socket only where it may be used: a followed skb, or
 * a trace that starts following the write queue (NT_COOKIE_SOCK_START); elsewhere a lifecycle would start at every
 * transmit of a segment that stays queued until it is acknowledged. Hits without one pay nothing more. */
static __always_inline void nt_parse_hit(struct sk_buff *skb, void *sock, struct nt_parsed *p)
{
	if (sock && !nt_header_set(BPF_CORE_READ(skb, network_header)) && !nt_header_set(BPF_CORE_READ(skb, mac_header)) &&
	    nt_parse_sock_flow(sock, p)) {
		p->skb_refused = nt_skb_filter_refuses(skb);
		return;
	}
	nt_parse(skb, p);
}

static __always_inline void nt_capture_hit(struct nt_skb_event *ev, struct sk_buff *skb, const struct nt_parsed *p)
{
	if (p->from_sock)
		nt_capture_sock_flow(&ev->base.pkt, skb, p);
	else
		nt_capture(&ev->base.pkt, skb, p);
}

/* Decides whether this hit is reported and fills the record; false when it is not. */
static __always_inline bool nt_fill(struct nt_skb_event *ev, struct sk_buff *skb, void *sock, __u64 cookie)
{
	__u64 key = (__u64)skb;
	__u32 netns = 0;
	__u16 flags = 0;
	__u64 latency = 0;
	__u32 span = 0;
	struct nt_parsed p = {};

	if (nt_followed(key)) {
		if (nt_engine.latency) {
			latency = nt_latency_step(key, cookie, &span);
			if (!latency) {
				if (cookie & NT_COOKIE_FREE)
					bpf_map_delete_elem(&nt_track, &key);
				return false;
			}
		}
		if (nt_engine.pkt_fixed) {
			flags |= NT_EV_NOPKT;
			ev->base.pkt.cap_len = 0;
			ev->base.pkt.l3proto = 0;
			ev->base.pkt.len = BPF_CORE_READ(skb, len);
		} else {
			nt_parse_hit(skb, sock, &p);
			nt_capture_hit(ev, skb, &p);
		}
		if (cookie & NT_COOKIE_FREE)
			bpf_map_delete_elem(&nt_track, &key);
	} else {
		/* --trace-matcher: this trace may only see skbs another trace started following. */
		if (cookie & NT_COOKIE_NOSTART)
			return false;
		if (nt_pid_rejected() || nt_netns_filter_rejects(skb, &netns))
			return false;
		/* --func-stats without a packet filter has nothing to parse, only hits to count. */
		if (nt_engine.func_stats != NT_STATS_UNFILTERED) {
			nt_parse_hit(skb, cookie & NT_COOKIE_SOCK_START ? sock : 0, &p);
			if (!nt_packet_matches(&p))
				return false;
		}
		if (nt_engine.func_stats) {
			__u32 trace = cookie & NT_COOKIE_TRACE_MASK;
			__u64 *calls = bpf_map_lookup_elem(&nt_func_counts, &trace);
			if (calls)
				*calls += 1;
			return false;
		}
		/* --latency: an skb first seen at its free has no latency to measure. */
		if (nt_engine.latency && (cookie & NT_COOKIE_FREE))
			return false;
		nt_capture_hit(ev, skb, &p);
		if (nt_engine.track && !(cookie & NT_COOKIE_FREE)) {
			__u64 now = bpf_ktime_get_ns();
			nt_follow(key, now);
			if (nt_engine.latency) {
				__u16 trace = cookie & NT_COOKIE_TRACE_MASK;
				struct nt_latency_state s = { .first_ns = now, .last_ns = now, .first_trace = trace, .last_trace = trace };
				bpf_map_update_elem(&nt_latency, &key, &s, BPF_ANY);
				return false; /* --latency sends one record per skb, at its free */
			}
			flags |= NT_EV_FIRST;
		}
	}
	if (cookie & NT_COOKIE_FREE)
		flags |= NT_EV_FREE;
	if (p.from_sock)
		flags |= NT_EV_SOCK_FLOW;
	nt_fill_header(&ev->base.hdr, NT_ENGINE_KIND_HIT, sizeof(*ev));
	nt_fill_meta(&ev->base.meta, skb, netns ? netns : nt_skb_netns(skb));
	ev->trace = cookie & NT_COOKIE_TRACE_MASK;
	ev->flags = flags;
	ev->ret = 0;
	ev->aux0 = 0;
	ev->aux1 = 0;
	ev->stack_id = -1;
	ev->mark = BPF_CORE_READ(skb, mark);
	ev->latency_span = span;
	ev->flags |= NT_EV_MARK;
	if (latency) {
		ev->ret = latency;
		ev->flags |= NT_EV_LATENCY;
	}
	return true;
}

/* A hit without a plugin's extra leaves it out: most records stay small. */
static __always_inline void nt_emit_hit(struct nt_skb_event *ev)
{
	if (ev->flags & NT_EV_EXTRA)
		nt_emit(ev, sizeof(*ev));
	else
		nt_emit(ev, NT_SKB_EVENT_BASE_SIZE);
}

#endif
