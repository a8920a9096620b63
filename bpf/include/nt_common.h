/* Shared by every nettrace BPF object: the session config, the output maps, and the
 * helpers that fill and emit packet records. */
#ifndef NT_COMMON_H
#define NT_COMMON_H

#include "nt_kernel.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>
#include "nt_event.h"
#include "nt_config.h"
#include "nt_nest.h"

#define NT_SCRATCH_SIZE 512
#define NT_STACK_DEPTH 127

/* Keeps a record type in the object's BTF even when no code names it directly, so user space can
 * check its C# mirror against the real layout. */
#define NT_BTF_ANCHOR(type) const struct type *nt_anchor_##type __attribute__((unused))

NT_BTF_ANCHOR(nt_record_hdr);
NT_BTF_ANCHOR(nt_pkt_meta);
NT_BTF_ANCHOR(nt_pkt);
NT_BTF_ANCHOR(nt_pkt_event);

/* Written by user space before load; the verifier sees constants and prunes unused filters. */
const volatile struct nt_config nt_cfg = {};

/* The record stream. User space sizes it before load. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 22);
} nt_events SEC(".maps");

struct nt_scratch_buf {
	__u8 bytes[NT_SCRATCH_SIZE];
};

/* A record is assembled here, filtered, then copied out; keeps large records off the stack. One buffer per
 * nesting level (nt_nest.h), so a program that interrupts another cannot overwrite its half-built record. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NT_NEST_LEVELS);
	__type(key, __u32);
	__type(value, struct nt_scratch_buf);
} nt_scratch SEC(".maps");

/* Kernel call stacks for --trace-stack/--drop-stack; user space shrinks it when unused. */
struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 1024);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, NT_STACK_DEPTH * sizeof(__u64));
} nt_stacks SEC(".maps");

/* The scratch buffer of the level this program took with nt_nest_enter(); NULL when it took none. */
static __always_inline void *nt_scratch_at(__u32 level)
{
	return bpf_map_lookup_elem(&nt_scratch, &level);
}

static __always_inline void *nt_scratch_buf(void)
{
	return nt_scratch_at(nt_nest_level());
}

/* --rate-limit's token bucket, one per object: refilled by rate_limit tokens a second, holding at most that many.
 * Shared by the CPUs without a lock, as upstream's is: a race may grant or lose a token, never blocks. */
struct nt_rate_bucket {
	__u64 refilled_ns;
	__u64 tokens;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct nt_rate_bucket);
} nt_rate SEC(".maps");

static __always_inline bool nt_rate_allows(void)
{
	__u64 limit = nt_cfg.rate_limit;
	if (!limit)
		return true;
	__u32 zero = 0;
	struct nt_rate_bucket *b = bpf_map_lookup_elem(&nt_rate, &zero);
	if (!b)
		return true;
	__u64 now = bpf_ktime_get_ns();
	__u64 elapsed = now - b->refilled_ns;
	/* Capped at a second first, so elapsed * limit cannot overflow. */
	__u64 add = elapsed >= 1000000000ULL ? limit : elapsed * limit / 1000000000ULL;
	if (add) {
		b->tokens = b->tokens + add > limit ? limit : b->tokens + add;
		b->refilled_ns = now;
	}
	if (!b->tokens) {
		__u32 key = NT_LOST_RATE;
		__u64 *held = bpf_map_lookup_elem(&nt_lost, &key);
		if (held)
			*held += 1;
		return false;
	}
	b->tokens--;
	return true;
}

static __always_inline void nt_emit(void *record, __u32 size)
{
	if (!nt_rate_allows())
		return;
	if (bpf_ringbuf_output(&nt_events, record, size, 0))
		nt_count_lost();
}

static __always_inline bool nt_pid_rejected(void)
{
	__u32 want = nt_cfg.filter.pid;
	return want && (__u32)(bpf_get_current_pid_tgid() >> 32) != want;
}

/* The network namespace inode: from the device, else from the socket, else 0. */
static __always_inline __u32 nt_skb_netns(struct sk_buff *skb)
{
	struct net_device *dev = BPF_CORE_READ(skb, dev);
	if (dev)
		return BPF_CORE_READ(dev, nd_net.net, ns.inum);
	struct sock *sk = BPF_CORE_READ(skb, sk);
	if (sk)
		return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
	return 0;
}

static __always_inline void nt_fill_meta(struct nt_pkt_meta *meta, struct sk_buff *skb, __u32 netns)
{
	struct net_device *dev = BPF_CORE_READ(skb, dev);

	meta->ts = bpf_ktime_get_ns();
	meta->skb = (__u64)skb;
	meta->pid = bpf_get_current_pid_tgid() >> 32;
	meta->cpu = bpf_get_smp_processor_id();
	meta->netns = netns;
	bpf_get_current_comm(meta->comm, sizeof(meta->comm));
	if (dev) {
		meta->ifindex = BPF_CORE_READ(dev, ifindex);
		bpf_probe_read_kernel_str(meta->ifname, sizeof(meta->ifname), dev->name);
	} else {
		meta->ifindex = 0;
		meta->ifname[0] = 0;
	}
}

static __always_inline void nt_fill_header(struct nt_record_hdr *hdr, __u16 kind, __u32 size)
{
	hdr->owner = nt_cfg.owner;
	hdr->kind = kind;
	hdr->size = size;
}

static __always_inline __s32 nt_stack_id(void *ctx)
{
	if (!nt_cfg.stack)
		return -1;
	return bpf_get_stackid(ctx, &nt_stacks, BPF_F_FAST_STACK_CMP);
}

#endif
