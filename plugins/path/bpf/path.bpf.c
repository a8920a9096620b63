/* Entry programs for the packet path's evidence: the ICMP error the kernel sends about a packet (type, code,
 * next-hop MTU), the neighbour a packet waits on or is dropped for (address and NUD state), and the route
 * lookup's error behind ip_error. Each fills the hand-off slot's extra and tail-calls the engine's worker,
 * so the hit lands in the offending packet's lifecycle. */
#include "nt_handoff.h"
#include "path.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* Keeps the evidence layout in the object's BTF for the layout test (nothing else names the type). */
const struct nt_path_evidence *nt_anchor_nt_path_evidence __attribute__((unused));

/* Continuing nt_handoff.h's NT_EXTRA_* (C#: SkbExtraKind). */
#define NT_EXTRA_ICMP_ERROR 4
#define NT_EXTRA_NEIGH 5
#define NT_EXTRA_ROUTE_ERROR 6

#define NT_AF_INET 2
#define NT_AF_INET6 10

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct neigh_table {
	int family;
	unsigned int key_len;
};

struct neighbour {
	struct neigh_table *tbl;
	__u8 nud_state;
	__u8 primary_key[0];
};

struct dst_entry {
	short error;
};

/* Matched to struct sk_buff by CO-RE (the ___ suffix): the field nt_kernel.h leaves out. */
struct sk_buff___path {
	unsigned long _skb_refdst;
};

#pragma clang attribute pop

static __always_inline struct nt_path_evidence *nt_evidence(struct nt_handoff *h, __u8 kind, __u8 family)
{
	struct nt_skb_extra *x = &h->extra;
	x->kind = kind;
	x->pf = family;
	x->hook = 0;
	x->nhooks = 0;
	h->has_extra = 1;
	struct nt_path_evidence *e = (struct nt_path_evidence *)&x->names;
	__builtin_memset(e, 0, sizeof(*e));
	return e;
}

static __always_inline int icmp_error(void *ctx, void *workers, __u64 skb, __u8 family, __u8 type, __u8 code, __u32 info)
{
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	struct nt_path_evidence *e = nt_evidence(h, NT_EXTRA_ICMP_ERROR, family);
	e->type = type;
	e->code = code;
	e->value = info;
	return nt_hand_off_slot(ctx, workers, h, skb, bpf_get_attach_cookie(ctx), 0, 0);
}

static __always_inline int neigh_seen(void *ctx, void *workers, const struct neighbour *n, __u64 skb)
{
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	const struct neigh_table *tbl = BPF_CORE_READ(n, tbl);
	struct nt_path_evidence *e = nt_evidence(h, NT_EXTRA_NEIGH, (__u8)BPF_CORE_READ(tbl, family));
	e->value = BPF_CORE_READ(n, nud_state);
	__u32 len = BPF_CORE_READ(tbl, key_len);
	if (len > sizeof(e->addr))
		len = sizeof(e->addr);
	bpf_probe_read_kernel(e->addr, len, (void *)n + bpf_core_field_offset(struct neighbour, primary_key));
	return nt_hand_off_slot(ctx, workers, h, skb, bpf_get_attach_cookie(ctx), 0, 0);
}

/* ip_error(skb): the packet's route is an error route; its dst holds the lookup's errno, negative. */
static __always_inline int route_error(void *ctx, void *workers, struct sk_buff___path *skb)
{
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	struct nt_path_evidence *e = nt_evidence(h, NT_EXTRA_ROUTE_ERROR, NT_AF_INET);
	const struct dst_entry *dst = (const struct dst_entry *)(BPF_CORE_READ(skb, _skb_refdst) & ~1UL);
	short error = dst ? BPF_CORE_READ(dst, error) : 0;
	e->value = error < 0 ? -error : error;
	return nt_hand_off_slot(ctx, workers, h, (__u64)skb, bpf_get_attach_cookie(ctx), 0, 0);
}


/* __icmp_send(skb_in, type, code, __be32 info, opt): info is in network order. */
NT_PLUGIN_ENTRY(nt_icmp_send, icmp_error(ctx, workers, PT_REGS_PARM1(ctx), NT_AF_INET, (__u8)PT_REGS_PARM2(ctx),
				       (__u8)PT_REGS_PARM3(ctx), bpf_ntohl((__u32)PT_REGS_PARM4(ctx))))

/* icmp6_send(skb, type, code, __u32 info, force_saddr, parm): info in host order. */
NT_PLUGIN_ENTRY(nt_icmp6_send, icmp_error(ctx, workers, PT_REGS_PARM1(ctx), NT_AF_INET6, (__u8)PT_REGS_PARM2(ctx),
					(__u8)PT_REGS_PARM3(ctx), (__u32)PT_REGS_PARM4(ctx)))

/* __neigh_event_send(neigh, skb, immediate_ok) and the error reports (arp/ndisc_error_report(neigh, skb)). */
NT_PLUGIN_ENTRY(nt_neigh, neigh_seen(ctx, workers, (const struct neighbour *)PT_REGS_PARM1(ctx), PT_REGS_PARM2(ctx)))

NT_PLUGIN_ENTRY(nt_ip_error, route_error(ctx, workers, (struct sk_buff___path *)PT_REGS_PARM1(ctx)))
