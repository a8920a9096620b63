/* The log2 histograms counted in the kernel (--latency-summary, --rtt): a per-CPU array of
 * NT_HIST_BUCKETS counters where bucket i holds the values in [2^i, 2^(i+1)), bucket 0 also 0. User space
 * sums the CPUs and prints them (src/Host/Modes/Live/Log2HistogramText.cs). */
#ifndef NT_HIST_H
#define NT_HIST_H

#include "nt_common.h"

#define NT_HIST_BUCKETS 64

#define NT_HIST_MAP(name)                                \
	struct {                                         \
		__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); \
		__uint(max_entries, NT_HIST_BUCKETS);    \
		__type(key, __u32);                      \
		__type(value, __u64);                    \
	} name SEC(".maps")

/* floor(log2(v)) without a loop the verifier would have to unroll; 0 for 0 and 1. */
static __always_inline __u32 nt_log2(__u64 v)
{
	__u32 r, s;
	r = (v > 0xffffffffULL) << 5; v >>= r;
	s = (v > 0xffff) << 4; v >>= s; r |= s;
	s = (v > 0xff) << 3; v >>= s; r |= s;
	s = (v > 0xf) << 2; v >>= s; r |= s;
	s = (v > 0x3) << 1; v >>= s; r |= s;
	return r | (__u32)(v >> 1);
}

/* One value into its bucket (per CPU: no lock on the hot path). */
static __always_inline void nt_hist_count(void *map, __u64 value)
{
	__u32 bucket = nt_log2(value);
	__u64 *n = bpf_map_lookup_elem(map, &bucket);
	if (n)
		*n += 1;
}

#endif
