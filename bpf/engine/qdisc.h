/* What the qdisc tracepoints tell beside the skb: the qdisc's flags and queue length, its transmit queue's
 * state and how long ago that queue last sent. C# reads the two words in Host/Engine/QdiscSnapshot.cs. */
#ifndef NT_QDISC_H
#define NT_QDISC_H

#include "nt_kernel.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct netdev_queue___nt {
	unsigned long state;       /* __QUEUE_STATE_* bits: stopped by the driver, frozen */
	unsigned long trans_start; /* jiffies of the last transmit (drivers without LLTX keep it) */
};

struct qdisc_skb_head___nt {
	__u32 qlen;
};

struct Qdisc___nt {
	unsigned int flags; /* TCQ_F_* */
	struct netdev_queue___nt *dev_queue;
	struct qdisc_skb_head___nt q;
};

#pragma clang attribute pop

/* The idle time when the queue never recorded a transmit. */
#define NT_QDISC_IDLE_UNKNOWN 0xffffffffULL

/* aux0: the queue length (high half; lockless qdiscs such as pfifo_fast count per CPU and show 0) and the flags. */
static __always_inline __u64 nt_qdisc_word0(struct Qdisc___nt *q)
{
	return ((__u64)BPF_CORE_READ(q, q.qlen) << 32) | BPF_CORE_READ(q, flags);
}

/* aux1: the transmit queue's state (high half) and the jiffies since it last sent (capped). */
static __always_inline __u64 nt_qdisc_word1(struct Qdisc___nt *q)
{
	struct netdev_queue___nt *txq = BPF_CORE_READ(q, dev_queue);
	if (!txq)
		return NT_QDISC_IDLE_UNKNOWN;
	__u64 state = (__u32)BPF_CORE_READ(txq, state);
	__u64 start = BPF_CORE_READ(txq, trans_start);
	__u64 idle = NT_QDISC_IDLE_UNKNOWN;
	if (start) {
		__u64 now = bpf_jiffies64();
		idle = now > start ? now - start : 0;
		if (idle >= NT_QDISC_IDLE_UNKNOWN)
			idle = NT_QDISC_IDLE_UNKNOWN - 1;
	}
	return state << 32 | idle;
}

#endif
