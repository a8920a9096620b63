/* The generic skb tracer shared by every packet-path group. A few programs serve every traced
 * function: one per skb argument position, attached to many functions at once, each attachment
 * carrying a cookie that names the trace. Matched skbs are followed (an LRU map keyed by the full
 * skb address) until freed, through address rewrites and clones. */
#include "nt_packet.h"
#include "engine.h"
#include "nt_handoff.h"
#include "nt_entry_filter.h"
#include "qdisc.h"
#include "nt_sock_flow.h"
#include "nt_hist.h"
#include "ret_rules.h"
#include "hit.h"

char LICENSE[] SEC("license") = "GPL";

NT_BTF_ANCHOR(nt_skb_event);
NT_BTF_ANCHOR(nt_engine_cfg);
NT_BTF_ANCHOR(nt_ret_rule);

/* Records of calls whose return value is still to come (--ret, skb_clone). LRU: a call whose return probe
 * never fired (kretprobe instances exhausted) must not keep its entry, and a full map must not refuse new calls. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1 << 13);
	__type(key, struct nt_call_key);
	__type(value, struct nt_skb_event);
} nt_calls SEC(".maps");

/* The function returned: complete the held record, follow a clone, and emit. */
static __always_inline int nt_return(__u64 cookie, __u64 ret)
{
	struct nt_call_key call = { .tid = bpf_get_current_pid_tgid(), .cookie = cookie };
	struct nt_skb_event *ev = bpf_map_lookup_elem(&nt_calls, &call);
	if (!ev)
		return 0;
	if (nt_engine.monitor && !nt_abnormal_return(ev->trace, ret)) {
		bpf_map_delete_elem(&nt_calls, &call);
		return 0;
	}
	ev->ret = ret;
	ev->flags |= NT_EV_RET;
	if ((cookie & NT_COOKIE_CLONE) && ret) {
		ev->aux0 = ret;
		ev->flags |= NT_EV_CLONE;
		if (nt_engine.track) {
			__u64 now = bpf_ktime_get_ns();
			nt_follow(ret, now);
		}
	}
	nt_emit_hit(ev);
	bpf_map_delete_elem(&nt_calls, &call);
	return 0;
}

static __always_inline int nt_work(void *ctx, __u32 level)
{
	struct nt_handoff *h = nt_handoff_at(level);
	if (!h)
		return 0;
	__u64 cookie = h->cookie, aux0 = h->aux0, aux1 = h->aux1;
	struct sk_buff *skb = (struct sk_buff *)h->skb;
	if ((cookie & NT_COOKIE_SKB_PTR) && (bpf_probe_read_kernel(&skb, sizeof(skb), (void *)h->skb) || !skb))
		return 0;
	/* The entry passed the socket argument in aux1, which the record does not keep. */
	void *sock = 0;
	if (cookie & NT_COOKIE_SOCK0) {
		sock = (void *)aux1;
		aux1 = 0;
	}
	struct nt_skb_event *ev = nt_scratch_at(level);
	if (!ev || !nt_fill(ev, skb, sock, cookie))
		return 0;
	ev->aux0 = aux0;
	ev->aux1 = aux1;
	if (h->has_extra) {
		__builtin_memcpy(&ev->extra, &h->extra, sizeof(ev->extra));
		ev->flags |= NT_EV_EXTRA;
	}
	if (cookie & NT_COOKIE_STACK)
		ev->stack_id = bpf_get_stackid(ctx, &nt_stacks, BPF_F_FAST_STACK_CMP);
	if (cookie & (NT_COOKIE_RET | NT_COOKIE_CLONE)) {
		struct nt_call_key call = { .tid = bpf_get_current_pid_tgid(), .cookie = cookie };
		/* Rare even with LRU (no free element on this CPU's list, a bucket busy under a nested program). */
		if (bpf_map_update_elem(&nt_calls, &call, ev, BPF_ANY))
			nt_count_lost();
		return 0;
	}
	nt_emit_hit(ev);
	return 0;
}

/* A worker runs at the level its entry program took (nt_handoff_slot) and releases it; the depth is looked up
 * once for both. */
static __always_inline int nt_work_at_level(void *ctx)
{
	__u32 *depth = nt_nest_depth();
	nt_work(ctx, nt_level_of(depth));
	if (depth && *depth)
		*depth -= 1;
	return 0;
}

#include "ret_fexit.h"

SEC("kprobe")
int nt_kp_worker(struct pt_regs *ctx)
{
	return nt_work_at_level(ctx);
}

SEC("kprobe.multi")
int nt_kpm_worker(struct pt_regs *ctx)
{
	return nt_work_at_level(ctx);
}

SEC("raw_tp")
int nt_tp_worker(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_work_at_level(ctx);
}

#include "entries.h"
