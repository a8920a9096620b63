/* How an entry program passes a hit to the generic skb tracer's workers: a per-CPU slot, then a
 * tail call. Shared by the engine and by plugins whose entry programs read more than the skb (the
 * host makes a plugin's copies of these maps, and of nt_nest.h's, the engine's own, by file descriptor).
 * The entry takes a nesting level and fills that level's slot; the worker releases the level. */
#ifndef NT_HANDOFF_H
#define NT_HANDOFF_H

#include "nt_kernel.h"
#include <bpf/bpf_helpers.h>
#include "nt_nest.h"

#define NT_EXTRA_NAME_LEN 64
#define NT_EXTRA_CHAIN_LEN 56
#define NT_EXTRA_HOOKS 15

/* What a plugin's entry program adds to a hit; C# mirrors it in Abstractions/Events/SkbExtraRecord.cs. */
struct nt_skb_extra {
	__u8 kind;   /* which plugin filled it (NT_EXTRA_*) */
	__u8 pf;     /* netfilter protocol family (NFPROTO_*) */
	__u8 hook;   /* netfilter hook number */
	__u8 nhooks; /* hook functions in hooks[] */
	__u8 table_family; /* the table's NFPROTO_* (nftables: inet, ip, ip6, bridge...; iptables: ipv4/ipv6) */
	__u8 policy;       /* the chain's policy + 1 (1 drop, 2 accept); 0 unknown */
	__u16 pad;
	union {
		struct {
			char table[NT_EXTRA_NAME_LEN];
			char chain[NT_EXTRA_CHAIN_LEN];
		} names;
		__u64 hooks[NT_EXTRA_HOOKS]; /* the hook functions still to run at this hook */
	};
};

#define NT_EXTRA_NONE 0
#define NT_EXTRA_NF_HOOK 1  /* pf, hook, hooks[] */
#define NT_EXTRA_NF_TABLE 2 /* pf, hook, table name (iptables: chain is the hook) */
#define NT_EXTRA_NF_CHAIN 3 /* pf, hook, table and chain names (nftables) */

_Static_assert(sizeof(struct nt_skb_extra) == 128, "skb extra layout");

struct nt_handoff {
	__u64 skb;
	__u64 cookie;
	__u64 aux0;
	__u64 aux1;
	__u32 has_extra;
	__u32 pad;
	struct nt_skb_extra extra;
};

/* One slot per nesting level: an interrupting entry must not overwrite a hit not yet read by its worker. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NT_NEST_LEVELS);
	__type(key, __u32);
	__type(value, struct nt_handoff);
} nt_handoffs SEC(".maps");

/* The workers: one program per program type holds the whole body (filter, follow, capture), so the
 * verifier checks it once instead of once per entry program. User space fills slot 0. */
#define NT_WORKERS(name)                              \
	struct {                                      \
		__uint(type, BPF_MAP_TYPE_PROG_ARRAY); \
		__uint(max_entries, 1);               \
		__type(key, __u32);                   \
		__type(value, __u32);                 \
	} name SEC(".maps")

NT_WORKERS(nt_kp_workers);
NT_WORKERS(nt_kpm_workers);

/* A plugin's entry program, as a kprobe (one function per link) and a kprobe.multi flavour ("_m"): CALL reads
 * what the plugin needs and hands off to the worker of the entry's own program type (`workers`). */
#define NT_PLUGIN_ENTRY(name, call)               \
	SEC("kprobe")                             \
	int name(struct pt_regs *ctx)             \
	{                                         \
		void *workers = &nt_kp_workers;   \
		return call;                      \
	}                                         \
	SEC("kprobe.multi")                       \
	int name##_m(struct pt_regs *ctx)         \
	{                                         \
		void *workers = &nt_kpm_workers;  \
		return call;                      \
	}
NT_WORKERS(nt_tp_workers);

/* Takes a nesting level and returns its slot, extra cleared; NULL (nothing taken) when no level is left.
 * Must be followed by nt_hand_off_slot(), which passes the level on to the worker or releases it. */
static __always_inline struct nt_handoff *nt_handoff_slot(void)
{
	/* One look at the depth, not nt_nest_enter()'s and nt_nest_level()'s two: this runs on every hit. */
	__u32 *depth = nt_nest_depth();
	if (!depth)
		return 0;
	__u32 level = *depth;
	if (level >= NT_NEST_LEVELS) {
		nt_count_lost();
		return 0;
	}
	struct nt_handoff *h = bpf_map_lookup_elem(&nt_handoffs, &level);
	if (!h)
		return 0;
	*depth = level + 1;
	h->has_extra = 0;
	return h;
}

/* The worker's view: the slot of the level its entry program took. */
static __always_inline struct nt_handoff *nt_handoff_at(__u32 level)
{
	return bpf_map_lookup_elem(&nt_handoffs, &level);
}

static __always_inline int nt_hand_off_slot(void *ctx, void *workers, struct nt_handoff *h, __u64 skb, __u64 cookie,
					    __u64 aux0, __u64 aux1)
{
	if (skb) {
		h->skb = skb;
		h->cookie = cookie;
		h->aux0 = aux0;
		h->aux1 = aux1;
		bpf_tail_call(ctx, workers, 0);
	}
	/* No skb, or no worker to run: the level is not passed on. */
	nt_nest_exit();
	return 0;
}

static __always_inline int nt_hand_off(void *ctx, void *workers, __u64 skb, __u64 cookie, __u64 aux0, __u64 aux1)
{
	if (!skb)
		return 0;
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	return nt_hand_off_slot(ctx, workers, h, skb, cookie, aux0, aux1);
}

#endif
