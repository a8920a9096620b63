/* The drop group: every skb freed through kfree_skb, with the kernel's drop reason.
 * Three programs share one body so the host can pick tp_btf, raw_tp or the classic
 * tracepoint, whichever this kernel accepts. */
#include "nt_packet.h"
#include "drop.h"

char LICENSE[] SEC("license") = "GPL";

NT_BTF_ANCHOR(nt_drop_event);

static __always_inline int nt_on_drop(void *ctx, struct sk_buff *skb, __u64 location, __u32 reason)
{
	if (!skb || nt_pid_rejected())
		return 0;

	__u32 netns = nt_skb_netns(skb);
	if (nt_netns_rejected(netns))
		return 0;

	struct nt_parsed p = {};
	nt_parse(skb, &p);
	if (!nt_packet_matches(&p))
		return 0;

	/* The record is built in this nesting level's buffer, so a drop in an interrupt cannot garble it. */
	if (!nt_nest_enter())
		return 0;
	struct nt_drop_event *ev = nt_scratch_buf();
	if (ev) {
		nt_fill_header(&ev->base.hdr, NT_DROP_KIND_DROP, sizeof(*ev));
		nt_fill_meta(&ev->base.meta, skb, netns);
		nt_capture(&ev->base.pkt, skb, &p);
		ev->location = location;
		ev->reason = reason;
		ev->stack_id = nt_stack_id(ctx);
		nt_emit(ev, sizeof(*ev));
	}
	nt_nest_exit();
	return 0;
}

SEC("tp_btf/kfree_skb")
int BPF_PROG(nt_drop_tp_btf, struct sk_buff *skb, void *location, int reason)
{
	return nt_on_drop(ctx, skb, (__u64)location, reason);
}

SEC("raw_tp/kfree_skb")
int BPF_PROG(nt_drop_raw_tp, struct sk_buff *skb, void *location, int reason)
{
	return nt_on_drop(ctx, skb, (__u64)location, reason);
}

SEC("tracepoint/skb/kfree_skb")
int nt_drop_tracepoint(struct trace_event_raw_kfree_skb *args)
{
	__u32 reason = 0;
	if (bpf_core_field_exists(args->reason))
		reason = BPF_CORE_READ(args, reason);
	return nt_on_drop(args, BPF_CORE_READ(args, skbaddr), (__u64)BPF_CORE_READ(args, location), reason);
}
