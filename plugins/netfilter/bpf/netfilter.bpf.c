/* Entry programs for the netfilter traces: each reads what the generic skb tracer cannot (the
 * protocol family and hook, the table and chain names, the hook functions) into the hand-off slot,
 * then tail-calls the engine's worker, whose maps the host shares with this object. */
#include "nt_handoff.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct nf_hook_state {
	__u8 hook;
	__u8 pf;
};

struct nf_hook_entry {
	void *hook;
	void *priv;
};

struct nf_hook_entries {
	__u16 num_hook_entries;
	struct nf_hook_entry hooks[];
};

struct xt_table {
	char name[32];
};

struct nft_pktinfo {
	struct sk_buff *skb;
	const struct nf_hook_state *state;
};

struct nft_table {
	char *name;
};

struct nft_chain {
	struct nft_table *table;
	char *name;
};

#pragma clang attribute pop

#define NFPROTO_IPV4 2

static __always_inline void nt_nf_state(struct nt_skb_extra *x, const struct nf_hook_state *state)
{
	x->pf = BPF_CORE_READ(state, pf);
	x->hook = BPF_CORE_READ(state, hook);
}

/* nf_hook_slow(skb, state, e, s): the hook functions from index s on are the ones that may drop. */
static __always_inline int read_hook_slow(void *ctx, void *workers, struct sk_buff *skb, const struct nf_hook_state *state,
					   const struct nf_hook_entries *e, __u32 s)
{
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	struct nt_skb_extra *x = &h->extra;
	x->kind = NT_EXTRA_NF_HOOK;
	nt_nf_state(x, state);
	__u16 count = BPF_CORE_READ(e, num_hook_entries);
	__u32 base = bpf_core_field_offset(struct nf_hook_entries, hooks);
	__u8 n = 0;
	for (__u32 i = 0; i < NT_EXTRA_HOOKS; i++) {
		__u32 k = s + i;
		if (k >= count)
			break;
		void *fn = 0;
		bpf_probe_read_kernel(&fn, sizeof(fn), (void *)e + base + k * sizeof(struct nf_hook_entry));
		x->hooks[i] = (__u64)fn;
		n++;
	}
	x->nhooks = n;
	h->has_extra = 1;
	return nt_hand_off_slot(ctx, workers, h, (__u64)skb, bpf_get_attach_cookie(ctx), 0, 0);
}

/* iptables-legacy: the table's name; the chain is the hook's built-in chain. */
static __always_inline int read_ipt(void *ctx, void *workers, struct sk_buff *skb, const struct nf_hook_state *state,
				     const struct xt_table *table)
{
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	struct nt_skb_extra *x = &h->extra;
	x->kind = NT_EXTRA_NF_TABLE;
	nt_nf_state(x, state);
	x->nhooks = 0;
	BPF_CORE_READ_STR_INTO(&x->names.table, table, name);
	x->names.chain[0] = 0;
	h->has_extra = 1;
	return nt_hand_off_slot(ctx, workers, h, (__u64)skb, bpf_get_attach_cookie(ctx), 0, 0);
}

/* nftables and iptables-nft: the skb sits in the packet info; table and chain names are strings. */
static __always_inline int read_nft(void *ctx, void *workers, const struct nft_pktinfo *pkt, const struct nft_chain *chain)
{
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	struct nt_skb_extra *x = &h->extra;
	x->kind = NT_EXTRA_NF_CHAIN;
	nt_nf_state(x, BPF_CORE_READ(pkt, state));
	x->nhooks = 0;
	bpf_probe_read_kernel_str(x->names.table, sizeof(x->names.table), BPF_CORE_READ(chain, table, name));
	bpf_probe_read_kernel_str(x->names.chain, sizeof(x->names.chain), BPF_CORE_READ(chain, name));
	h->has_extra = 1;
	return nt_hand_off_slot(ctx, workers, h, (__u64)BPF_CORE_READ(pkt, skb), bpf_get_attach_cookie(ctx), 0, 0);
}

/* Each entry comes as a kprobe (one function per link) and a kprobe.multi flavour ("_m"); each
 * tail-calls the worker of its own program type. */
#define NT_NF_ENTRY(name, call)                                   \
	SEC("kprobe")                                             \
	int name(struct pt_regs *ctx)                             \
	{                                                         \
		void *workers = &nt_kp_workers;                   \
		return call;                                      \
	}                                                         \
	SEC("kprobe.multi")                                       \
	int name##_m(struct pt_regs *ctx)                         \
	{                                                         \
		void *workers = &nt_kpm_workers;                  \
		return call;                                      \
	}

#define ARG(n, type) ((type)PT_REGS_PARM##n(ctx))

NT_NF_ENTRY(nt_nf_hook_slow, read_hook_slow(ctx, workers, ARG(1, struct sk_buff *), ARG(2, const struct nf_hook_state *),
					     ARG(3, const struct nf_hook_entries *), (__u32)PT_REGS_PARM4(ctx)))

/* ipt_do_table(priv, skb, state) since 5.16. */
NT_NF_ENTRY(nt_nf_ipt, read_ipt(ctx, workers, ARG(2, struct sk_buff *), ARG(3, const struct nf_hook_state *),
				 ARG(1, const struct xt_table *)))

/* ipt_do_table(skb, state, table) before 5.16. */
NT_NF_ENTRY(nt_nf_ipt_old, read_ipt(ctx, workers, ARG(1, struct sk_buff *), ARG(2, const struct nf_hook_state *),
				     ARG(3, const struct xt_table *)))

NT_NF_ENTRY(nt_nf_nft, read_nft(ctx, workers, ARG(1, const struct nft_pktinfo *), ARG(2, const struct nft_chain *)))
