/* --monitor's records of abnormal returns, made by fexit programs: the engine's (ret_fexit.h) and the plugins'
 * (which add what they read, e.g. netfilter's table and chain). An fexit program sees the arguments and the return
 * value at once, so a call costs one rule test; only an abnormal return reads, filters and sends the packet.
 * A plugin object shares the engine's maps (ring, scratch, nesting, rules, stacks) by file descriptor. */
#ifndef NT_RET_HIT_H
#define NT_RET_HIT_H

#include "nt_packet.h"
#include "../engine/engine.h"
#include "../engine/ret_rules.h"

/* Fills the record of an abnormal return, or refuses it by the user's filter. */
static __always_inline bool nt_ret_hit_fill(struct nt_skb_event *ev, struct sk_buff *skb, __u64 cookie, __u64 ret)
{
	__u32 netns = nt_skb_netns(skb);
	if (nt_pid_rejected() || nt_netns_rejected(netns))
		return false;
	struct nt_parsed p = {};
	nt_parse(skb, &p);
	if (!nt_packet_matches(&p))
		return false;
	nt_capture(&ev->base.pkt, skb, &p);
	nt_fill_header(&ev->base.hdr, NT_ENGINE_KIND_HIT, sizeof(*ev));
	nt_fill_meta(&ev->base.meta, skb, netns);
	ev->trace = cookie & NT_COOKIE_TRACE_MASK;
	ev->flags = NT_EV_MARK | NT_EV_RET;
	ev->ret = ret;
	ev->aux0 = 0;
	ev->aux1 = 0;
	ev->stack_id = -1;
	ev->mark = BPF_CORE_READ(skb, mark);
	ev->latency_span = 0;
	return true;
}

/* The return value when the trace's rules call it abnormal, else false: the whole cost of a normal call. */
static __always_inline bool nt_ret_abnormal(void *ctx, __u64 cookie, __u64 *ret)
{
	return !bpf_get_func_ret(ctx, ret) && nt_abnormal_return(cookie & NT_COOKIE_TRACE_MASK, *ret);
}

/* Takes a nesting level and its scratch record (NULL, nothing taken, when none is left); nt_ret_hit_end() sends
 * the record when it is ready and releases the level. */
static __always_inline struct nt_skb_event *nt_ret_hit_begin(struct sk_buff *skb, __u64 cookie, __u64 ret)
{
	if (!skb || !nt_nest_enter())
		return 0;
	struct nt_skb_event *ev = nt_scratch_buf();
	if (ev && nt_ret_hit_fill(ev, skb, cookie, ret))
		return ev;
	nt_nest_exit();
	return 0;
}

static __always_inline void nt_ret_hit_end(void *ctx, struct nt_skb_event *ev, __u64 cookie)
{
	if (nt_cfg.stack && (cookie & NT_COOKIE_STACK))
		ev->stack_id = bpf_get_stackid(ctx, &nt_stacks, BPF_F_FAST_STACK_CMP);
	/* Two constant sizes: 6.1's verifier refuses a size it cannot bound. */
	if (ev->flags & NT_EV_EXTRA)
		nt_emit(ev, sizeof(*ev));
	else
		nt_emit(ev, NT_SKB_EVENT_BASE_SIZE);
	nt_nest_exit();
}

/* An fexit argument as an integer (0 when the function has no such argument). */
static __always_inline __u64 nt_fx_arg(void *ctx, __u32 n)
{
	__u64 v = 0;
	bpf_get_func_arg(ctx, n, &v);
	return v;
}

/* A plugin's fexit flavour of its entry program NAME: bound to the function at load, its trace in the attach
 * cookie. SKB is the skb argument; FILL reads the plugin's extra into x, only for an abnormal return. */
#define NT_PLUGIN_FEXIT(name, skb, fill)                                                  \
	SEC("fexit")                                                                      \
	int name##_fx(void *ctx)                                                          \
	{                                                                                 \
		__u64 cookie = bpf_get_attach_cookie(ctx), ret = 0;                       \
		if (!nt_ret_abnormal(ctx, cookie, &ret))                                  \
			return 0;                                                         \
		struct nt_skb_event *ev = nt_ret_hit_begin((struct sk_buff *)(skb), cookie, ret); \
		if (!ev)                                                                  \
			return 0;                                                         \
		struct nt_skb_extra *x = &ev->extra;                                      \
		fill;                                                                     \
		ev->flags |= NT_EV_EXTRA;                                                 \
		nt_ret_hit_end(ctx, ev, cookie);                                          \
		return 0;                                                                 \
	}

#endif
