/* Programs nest on a CPU: a softirq (then a hardirq, then an NMI) can start one while an interrupted one is
 * half-way through a record. Per-CPU buffers therefore have one slot per nesting level, and a per-CPU depth
 * says which slot the running program owns. Also here: the lost-record counter, which refusals feed. */
#ifndef NT_NEST_H
#define NT_NEST_H

#include "nt_kernel.h"
#include <bpf/bpf_helpers.h>

/* Task, softirq, hardirq, NMI. */
#define NT_NEST_LEVELS 4

/* Records lost, per CPU (no room in the ring buffer, no level left, no room to hold a call); user space sums
 * and reports them. Key NT_LOST_RATE counts those --rate-limit held back, apart. */
#define NT_LOST_RATE 1
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} nt_lost SEC(".maps");

/* How many programs holding a level are running on this CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} nt_nest SEC(".maps");

static __always_inline void nt_count_lost(void)
{
	__u32 zero = 0;
	__u64 *lost = bpf_map_lookup_elem(&nt_lost, &zero);
	if (lost)
		*lost += 1;
}

static __always_inline __u32 *nt_nest_depth(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&nt_nest, &zero);
}

/* Takes this CPU's next level; false (counted as lost) when none is left, and the caller must not go on.
 * Every true must be paired with nt_nest_exit() on every path. A plain increment is enough: a program that
 * interrupts this one has restored the depth before this one resumes. */
static __always_inline bool nt_nest_enter(void)
{
	__u32 *depth = nt_nest_depth();
	if (!depth)
		return false;
	if (*depth >= NT_NEST_LEVELS) {
		nt_count_lost();
		return false;
	}
	*depth += 1;
	return true;
}

static __always_inline void nt_nest_exit(void)
{
	__u32 *depth = nt_nest_depth();
	if (depth && *depth)
		*depth -= 1;
}

/* The level the running program holds (0: outermost); NT_NEST_LEVELS, which no per-level map has, when it
 * holds none. */
static __always_inline __u32 nt_level_of(const __u32 *depth)
{
	return depth && *depth ? *depth - 1 : NT_NEST_LEVELS;
}

static __always_inline __u32 nt_nest_level(void)
{
	return nt_level_of(nt_nest_depth());
}

#endif
