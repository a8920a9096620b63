/* Entry programs for the netfilter traces: each reads what the generic skb tracer cannot (the
 * protocol family and hook, the table and chain names, the hook functions) into the hand-off slot,
 * then tail-calls the engine's worker, whose maps the host shares with this object. --monitor on BPF
 * trampolines uses their fexit flavours (nt_ret_hit.h) instead. */
#include "nt_handoff.h"
#include "nt_entry_filter.h"
#include "nt_ret_hit.h"
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

struct xt_table_info {
	unsigned int underflow[5];
	unsigned char entries[];
};

struct xt_table {
	struct xt_table_info *private;
	char name[32];
};

struct ipt_entry {
	__u16 target_offset;
};

struct ip6t_entry {
	__u16 target_offset;
};

/* A built-in chain's policy is the standard target of its last entry (the hook's underflow). */
struct xt_standard_target {
	int verdict;
};

struct nft_pktinfo {
	struct sk_buff *skb;
	const struct nf_hook_state *state;
};

struct nft_table {
	__u16 family;
	char *name;
};

struct nft_chain {
	struct nft_table *table;
	char *name;
};

/* nft_do_chain runs a base chain: its policy sits in the container. */
struct nft_base_chain {
	__u8 policy;
	struct nft_chain chain;
};

#pragma clang attribute pop

#define NFPROTO_IPV4 2
#define NFPROTO_IPV6 10

static __always_inline void nt_nf_state(struct nt_skb_extra *x, const struct nf_hook_state *state)
{
	x->pf = BPF_CORE_READ(state, pf);
	x->hook = BPF_CORE_READ(state, hook);
}

/* nf_hook_slow(skb, state, e, s): the hook functions from index s on are the ones that may drop. */
static __always_inline void hook_slow_extra(struct nt_skb_extra *x, const struct nf_hook_state *state,
					    const struct nf_hook_entries *e, __u32 s)
{
	x->kind = NT_EXTRA_NF_HOOK;
	nt_nf_state(x, state);
	x->table_family = 0;
	x->policy = 0;
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
}

/* The policy of the built-in chain of this hook, as verdict + 1 (0: unknown): a standard target's
 * verdict -v - 1 encodes NF_DROP (0) or NF_ACCEPT (1). */
static __always_inline __u8 ipt_policy(const struct xt_table *table, __u8 hook, bool v6)
{
	if (hook >= 5)
		return 0;
	const struct xt_table_info *info = BPF_CORE_READ(table, private);
	if (!info)
		return 0;
	unsigned int at = 0;
	bpf_probe_read_kernel(&at, sizeof(at), (void *)info + bpf_core_field_offset(struct xt_table_info, underflow) + hook * sizeof(at));
	void *entry = (void *)info + bpf_core_field_offset(struct xt_table_info, entries) + at;
	__u16 target = v6 ? BPF_CORE_READ((struct ip6t_entry *)entry, target_offset)
			  : BPF_CORE_READ((struct ipt_entry *)entry, target_offset);
	int verdict = 0;
	bpf_probe_read_kernel(&verdict, sizeof(verdict), entry + target + bpf_core_field_offset(struct xt_standard_target, verdict));
	int code = -verdict - 1;
	return code == 0 || code == 1 ? (__u8)(code + 1) : 0;
}

/* iptables-legacy: the table's name and the built-in chain's policy; the chain is the hook's built-in chain. */
static __always_inline void ipt_extra(struct nt_skb_extra *x, const struct nf_hook_state *state, const struct xt_table *table, bool v6)
{
	x->kind = NT_EXTRA_NF_TABLE;
	nt_nf_state(x, state);
	x->nhooks = 0;
	BPF_CORE_READ_STR_INTO(&x->names.table, table, name);
	x->names.chain[0] = 0;
	x->table_family = v6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
	x->policy = ipt_policy(table, x->hook, v6);
}

/* nftables and iptables-nft: the skb sits in the packet info; table and chain names are strings. */
static __always_inline void nft_extra(struct nt_skb_extra *x, const struct nft_pktinfo *pkt, const struct nft_chain *chain)
{
	x->kind = NT_EXTRA_NF_CHAIN;
	nt_nf_state(x, BPF_CORE_READ(pkt, state));
	x->nhooks = 0;
	bpf_probe_read_kernel_str(x->names.table, sizeof(x->names.table), BPF_CORE_READ(chain, table, name));
	bpf_probe_read_kernel_str(x->names.chain, sizeof(x->names.chain), BPF_CORE_READ(chain, name));
	x->table_family = (__u8)BPF_CORE_READ(chain, table, family);
	const struct nft_base_chain *base = (void *)chain - bpf_core_field_offset(struct nft_base_chain, chain);
	x->policy = BPF_CORE_READ(base, policy) + 1;
}

/* The kprobe entries: the extra goes into the hand-off slot, then to the engine's worker; a hit the filter
 * refuses reads none of it. */
#define HAND_OFF(skb, fill)                                                                            \
	({                                                                                             \
		__u64 hit_skb = (__u64)(skb), hit_cookie = bpf_get_attach_cookie(ctx);                 \
		struct nt_handoff *h = nt_entry_refuses(hit_skb, hit_cookie) ? 0 : nt_handoff_slot();  \
		int rc = 0;                                                                            \
		if (h) {                                                                               \
			struct nt_skb_extra *x = &h->extra;                                            \
			fill;                                                                          \
			h->has_extra = 1;                                                              \
			rc = nt_hand_off_slot(ctx, workers, h, hit_skb, hit_cookie, 0, 0);             \
		}                                                                                      \
		rc;                                                                                    \
	})

#define ARG(n, type) ((type)PT_REGS_PARM##n(ctx))

NT_PLUGIN_ENTRY(nt_nf_hook_slow, HAND_OFF(ARG(1, struct sk_buff *), hook_slow_extra(x, ARG(2, const struct nf_hook_state *),
					  ARG(3, const struct nf_hook_entries *), (__u32)PT_REGS_PARM4(ctx))))

/* ipt_do_table(priv, skb, state) since 5.16. */
NT_PLUGIN_ENTRY(nt_nf_ipt, HAND_OFF(ARG(2, struct sk_buff *), ipt_extra(x, ARG(3, const struct nf_hook_state *), ARG(1, const struct xt_table *), false)))

/* ipt_do_table(skb, state, table) before 5.16. */
NT_PLUGIN_ENTRY(nt_nf_ipt_old, HAND_OFF(ARG(1, struct sk_buff *), ipt_extra(x, ARG(2, const struct nf_hook_state *), ARG(3, const struct xt_table *), false)))

/* ip6t_do_table: the same arguments as ipt_do_table of its kernel, IPv6 entries. */
NT_PLUGIN_ENTRY(nt_nf_ip6t, HAND_OFF(ARG(2, struct sk_buff *), ipt_extra(x, ARG(3, const struct nf_hook_state *), ARG(1, const struct xt_table *), true)))

NT_PLUGIN_ENTRY(nt_nf_ip6t_old, HAND_OFF(ARG(1, struct sk_buff *), ipt_extra(x, ARG(2, const struct nf_hook_state *), ARG(3, const struct xt_table *), true)))

NT_PLUGIN_ENTRY(nt_nf_nft, HAND_OFF(BPF_CORE_READ(ARG(1, const struct nft_pktinfo *), skb), nft_extra(x, ARG(1, const struct nft_pktinfo *), ARG(2, const struct nft_chain *))))

/* --monitor's fexit flavours: the same reads, made only when the return is abnormal. nf_hook_slow has freed a
 * dropped skb before it returns; its memory is read as the free left it (the packet is still there unless the
 * kernel clears freed memory, init_on_free=1). The table and chain functions return before the free. */
#define FX(n, type) ((type)nt_fx_arg(ctx, n))

NT_PLUGIN_FEXIT(nt_nf_hook_slow, FX(0, struct sk_buff *), hook_slow_extra(x, FX(1, const struct nf_hook_state *),
		FX(2, const struct nf_hook_entries *), (__u32)nt_fx_arg(ctx, 3)))

NT_PLUGIN_FEXIT(nt_nf_ipt, FX(1, struct sk_buff *), ipt_extra(x, FX(2, const struct nf_hook_state *), FX(0, const struct xt_table *), false))

NT_PLUGIN_FEXIT(nt_nf_ip6t, FX(1, struct sk_buff *), ipt_extra(x, FX(2, const struct nf_hook_state *), FX(0, const struct xt_table *), true))

NT_PLUGIN_FEXIT(nt_nf_nft, BPF_CORE_READ(FX(0, const struct nft_pktinfo *), skb), nft_extra(x, FX(0, const struct nft_pktinfo *), FX(1, const struct nft_chain *)))
