/* --monitor on BPF trampolines: one fexit program per watched function (the kernel binds a tracing program to
 * its target at load time), each reading its trace's cookie and skb argument from .rodata. The records are
 * nt_ret_hit.h's. */
#ifndef NT_RET_FEXIT_H
#define NT_RET_FEXIT_H

#include "nt_ret_hit.h"

#define NT_FX_SLOTS 32

/* C# mirrors it in Host/Engine/FexitSlots.cs. */
struct nt_fexit_cfg {
	__u64 cookie[NT_FX_SLOTS]; /* the trace's cookie (NT_COOKIE_SKB_PTR: the argument is a struct sk_buff **) */
	__u8 skb_arg[NT_FX_SLOTS]; /* which argument holds the skb */
};

_Static_assert(sizeof(struct nt_fexit_cfg) == 9 * NT_FX_SLOTS, "fexit config layout");

NT_BTF_ANCHOR(nt_fexit_cfg);

const volatile struct nt_fexit_cfg nt_fexit = {};

static __always_inline int nt_fexit_hit(void *ctx, __u32 slot)
{
	__u64 cookie = nt_fexit.cookie[slot];
	__u64 ret = 0;
	if (!nt_ret_abnormal(ctx, cookie, &ret))
		return 0;
	/* Rare from here on: the call went wrong by the rules. */
	__u64 arg = 0;
	if (bpf_get_func_arg(ctx, nt_fexit.skb_arg[slot], &arg) || !arg)
		return 0;
	struct sk_buff *skb = (struct sk_buff *)arg;
	if ((cookie & NT_COOKIE_SKB_PTR) && bpf_probe_read_kernel(&skb, sizeof(skb), (void *)arg))
		return 0;
	struct nt_skb_event *ev = nt_ret_hit_begin(skb, cookie, ret);
	if (ev)
		nt_ret_hit_end(ctx, ev, cookie);
	return 0;
}

#define NT_FEXIT(k)                              \
	SEC("fexit")                             \
	int nt_fx##k(void *ctx)                  \
	{                                        \
		return nt_fexit_hit(ctx, k);     \
	}

NT_FEXIT(0) NT_FEXIT(1) NT_FEXIT(2) NT_FEXIT(3) NT_FEXIT(4) NT_FEXIT(5) NT_FEXIT(6) NT_FEXIT(7)
NT_FEXIT(8) NT_FEXIT(9) NT_FEXIT(10) NT_FEXIT(11) NT_FEXIT(12) NT_FEXIT(13) NT_FEXIT(14) NT_FEXIT(15)
NT_FEXIT(16) NT_FEXIT(17) NT_FEXIT(18) NT_FEXIT(19) NT_FEXIT(20) NT_FEXIT(21) NT_FEXIT(22) NT_FEXIT(23)
NT_FEXIT(24) NT_FEXIT(25) NT_FEXIT(26) NT_FEXIT(27) NT_FEXIT(28) NT_FEXIT(29) NT_FEXIT(30) NT_FEXIT(31)

#endif
