/* The engine's entry programs: one per skb argument position for kprobes (single and multi-attach), the raw
 * tracepoint slots, kfree_skb's and the qdisc tracepoints'. Each refuses what it can before handing off to the
 * worker (engine.bpf.c); included once, by engine.bpf.c. */
#ifndef NT_ENGINE_ENTRIES_H
#define NT_ENGINE_ENTRIES_H

static __always_inline int nt_entry(void *ctx, void *workers, __u64 skb, __u64 cookie, __u64 aux0, __u64 aux1)
{
	if (nt_entry_refuses(skb, cookie))
		return 0;
	return nt_hand_off(ctx, workers, skb, cookie, aux0, aux1);
}

/* The socket argument a hit carries along (NT_COOKIE_SOCK0), for an skb without headers yet. */
static __always_inline __u64 nt_sock_arg(struct pt_regs *ctx, __u64 cookie)
{
	return cookie & NT_COOKIE_SOCK0 ? PT_REGS_PARM1(ctx) : 0;
}

/* One small entry program per skb argument position, in a single-attach and a multi-attach flavour. */
#define NT_ENTRY(n, parm)                                                                  \
	SEC("kprobe")                                                                      \
	int nt_kp_skb##n(struct pt_regs *ctx)                                               \
	{                                                                                  \
		__u64 cookie = bpf_get_attach_cookie(ctx);                                 \
		return nt_entry(ctx, &nt_kp_workers, PT_REGS_PARM##parm(ctx), cookie, 0, nt_sock_arg(ctx, cookie)); \
	}                                                                                  \
	SEC("kprobe.multi")                                                                \
	int nt_kpm_skb##n(struct pt_regs *ctx)                                              \
	{                                                                                  \
		__u64 cookie = bpf_get_attach_cookie(ctx);                                 \
		return nt_entry(ctx, &nt_kpm_workers, PT_REGS_PARM##parm(ctx), cookie, 0, nt_sock_arg(ctx, cookie)); \
	}

NT_ENTRY(0, 1)
NT_ENTRY(1, 2)
NT_ENTRY(2, 3)
NT_ENTRY(3, 4)
NT_ENTRY(4, 5)

SEC("kretprobe")
int nt_kr(struct pt_regs *ctx)
{
	return nt_return(bpf_get_attach_cookie(ctx), PT_REGS_RC(ctx));
}

SEC("kretprobe.multi")
int nt_krm(struct pt_regs *ctx)
{
	return nt_return(bpf_get_attach_cookie(ctx), PT_REGS_RC(ctx));
}

/* Raw tracepoints carry no cookie on older kernels, so each slot is its own program whose
 * cookie the host writes into .rodata. They read only args[0]: the skb. */
#define NT_SLOT(k)                                                                         \
	SEC("raw_tp")                                                                      \
	int nt_tp_slot##k(struct bpf_raw_tracepoint_args *ctx)                             \
	{                                                                                  \
		return nt_entry(ctx, &nt_tp_workers, ctx->args[0], nt_engine.slot_cookie[k], 0, 0); \
	}

NT_SLOT(0) NT_SLOT(1) NT_SLOT(2) NT_SLOT(3) NT_SLOT(4) NT_SLOT(5) NT_SLOT(6) NT_SLOT(7)
NT_SLOT(8) NT_SLOT(9) NT_SLOT(10) NT_SLOT(11) NT_SLOT(12) NT_SLOT(13) NT_SLOT(14) NT_SLOT(15)

/* kfree_skb(skb, location, reason): the end of a life, with where and why; the last slot's cookie. */
SEC("raw_tp")
int nt_tp_kfree(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_entry(ctx, &nt_tp_workers, ctx->args[0], nt_engine.slot_cookie[NT_SLOT_KFREE], ctx->args[1], ctx->args[2]);
}

/* qdisc_enqueue(qdisc, txq, skb): the skb joins a qdisc; aux0/aux1 carry the qdisc's state (qdisc.h). */
SEC("raw_tp")
int nt_tp_qdisc_enqueue(struct bpf_raw_tracepoint_args *ctx)
{
	struct Qdisc___nt *q = (void *)ctx->args[0];
	__u64 cookie = nt_engine.slot_cookie[NT_SLOT_QDISC_ENQUEUE];
	if (nt_entry_refuses(ctx->args[2], cookie))
		return 0; /* before the qdisc's state is read */
	return nt_hand_off(ctx, &nt_tp_workers, ctx->args[2], cookie, nt_qdisc_word0(q), nt_qdisc_word1(q));
}

/* qdisc_dequeue(qdisc, txq, packets, skb): the skb leaves it (skb NULL when nothing was dequeued). */
SEC("raw_tp")
int nt_tp_qdisc_dequeue(struct bpf_raw_tracepoint_args *ctx)
{
	if (!ctx->args[3])
		return 0;
	struct Qdisc___nt *q = (void *)ctx->args[0];
	__u64 cookie = nt_engine.slot_cookie[NT_SLOT_QDISC_DEQUEUE];
	if (nt_entry_refuses(ctx->args[3], cookie))
		return 0;
	return nt_hand_off(ctx, &nt_tp_workers, ctx->args[3], cookie, nt_qdisc_word0(q), nt_qdisc_word1(q));
}

#endif
