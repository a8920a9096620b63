/* The generic skb tracer's record and configuration. C# mirrors them in
 * Abstractions/Events/SkbTraceRecord.cs and Host/Engine/EngineConfig.cs. */
#ifndef NT_ENGINE_H
#define NT_ENGINE_H

#include "nt_event.h"
#include "nt_handoff.h"

#define NT_ENGINE_OWNER 1
#define NT_ENGINE_KIND_HIT 1
#define NT_TP_SLOTS 16
/* Tracepoints with a program of their own, each on a fixed slot whose cookie it reads (TracepointSlots.cs). */
#define NT_SLOT_KFREE (NT_TP_SLOTS - 1)
#define NT_SLOT_QDISC_ENQUEUE (NT_TP_SLOTS - 2)
#define NT_SLOT_QDISC_DEQUEUE (NT_TP_SLOTS - 3)

/* The attach cookie: which trace fired and how to treat it. */
#define NT_COOKIE_TRACE_MASK 0xffffULL
#define NT_COOKIE_STACK (1ULL << 16)  /* capture the kernel stack */
#define NT_COOKIE_FREE (1ULL << 17)   /* the skb is freed here */
#define NT_COOKIE_CLONE (1ULL << 18)  /* the return value is a clone to follow */
#define NT_COOKIE_RET (1ULL << 19)    /* hold the record until the function returns */
#define NT_COOKIE_NOSTART (1ULL << 20) /* lifecycle: report only skbs already followed (--trace-matcher left it out) */
#define NT_COOKIE_ENDS (1ULL << 21)    /* --trace-free chose this end: --latency measures up to it, not to the hit before */
#define NT_COOKIE_SKB_PTR (1ULL << 22) /* the argument is a struct sk_buff **: the skb is read through it */
#define NT_COOKIE_SOCK0 (1ULL << 23)   /* argument 0 is the skb's socket (its entry passes it in aux1) */
#define NT_COOKIE_SOCK_START (1ULL << 24) /* a headerless skb may start being followed here by its socket's flow */

/* Record flags. */
#define NT_EV_RET 1     /* ret holds the function's return value */
#define NT_EV_FREE 2    /* the skb was freed: its lifecycle ends */
#define NT_EV_CLONE 4   /* aux0 is a clone that joined this skb's lifecycle */
#define NT_EV_FIRST 8   /* the first hit of a newly followed skb */
#define NT_EV_NOPKT 16  /* the packet was not captured again (--pkt-fixed) */
#define NT_EV_EXTRA 32  /* extra holds what a plugin's entry program read */
#define NT_EV_MARK 64   /* mark holds skb->mark (records of recording format 1 have neither) */
#define NT_EV_LATENCY 128 /* --latency: ret holds the skb's latency in ns, latency_span its first and last traces */
#define NT_EV_SOCK_FLOW 256 /* the skb had no headers yet: the capture is its socket's flow (nt_sock_flow.h) */

struct nt_skb_event {
	struct nt_pkt_event base;
	__u64 ret;
	__u64 aux0;     /* clone: the new skb; kfree_skb: the freeing location */
	__u64 aux1;     /* kfree_skb: the drop reason */
	__u16 trace;    /* the host's trace id */
	__u16 flags;    /* NT_EV_* */
	__s32 stack_id; /* -1 when no stack was captured */
	__u32 mark;     /* skb->mark at this hit (a firewall may set it on the way) */
	__u32 latency_span; /* NT_EV_LATENCY: the first trace id, and the last one's shifted by 16 */
	struct nt_skb_extra extra; /* sent only with NT_EV_EXTRA */
};

#define NT_SKB_EVENT_BASE_SIZE 248

struct nt_engine_cfg {
	__u8 track;     /* follow matched skbs until freed (lifecycle); 0 = filter every hit (basic) */
	__u8 pkt_fixed; /* do not parse a followed skb again */
	__u8 monitor;   /* emit a returning call only when its trace's return rules (nt_ret_rules) say abnormal */
	__u8 func_stats; /* --func-stats: count hits per trace in nt_func_counts, emit nothing (NT_STATS_*) */
	__u8 latency;    /* --latency: one record per skb at its free (NT_LAT_*) */
	__u8 latency_free; /* --latency-free: the latency runs to the free, not to the last hit before it */
	__u8 pad[2];
	__u64 latency_min_ns; /* --min-latency under --latency: shorter lives are not sent */
	__u64 slot_cookie[NT_TP_SLOTS]; /* the cookie of each generic raw tracepoint slot */
};

#define NT_LAT_EVENTS 1  /* a record per skb that lived at least latency_min_ns */
#define NT_LAT_SUMMARY 2 /* no record: a log2 histogram of the latencies in microseconds (nt_latency_hist) */

#define NT_STATS_FILTERED 1   /* count the hits the packet filter keeps */
#define NT_STATS_UNFILTERED 2 /* no packet filter: count every hit, nothing parsed */

/* --monitor's return rules, one entry per trace id: the call is abnormal when any clause has all its terms
 * true. Written by the host from the .rules files (src/Host/Monitor/KernelReturnRules.cs). */
#define NT_RET_CLAUSES 4
#define NT_RET_TERMS 3
#define NT_RET_TRACES 512

enum nt_ret_op { NT_OP_EQ, NT_OP_NE, NT_OP_LT, NT_OP_LE, NT_OP_GT, NT_OP_GE };
enum nt_ret_view { NT_VIEW_INT, NT_VIEW_LOW8, NT_VIEW_HIGH16 };

/* The fields below are bytes, so nothing else puts these enums in BTF, where a test compares them with
 * ReturnOp and ReturnView (src/Host/Monitor/ReturnTerm.cs). */
const enum nt_ret_op *nt_anchor_nt_ret_op __attribute__((unused));
const enum nt_ret_view *nt_anchor_nt_ret_view __attribute__((unused));

struct nt_ret_term {
	__u8 op;   /* nt_ret_op */
	__u8 view; /* nt_ret_view: the int in eax, its low byte (a netfilter verdict), or bits 16-31 (its errno) */
	__u8 pad[6];
	__s64 value;
};

struct nt_ret_clause {
	__u8 nterms;
	__u8 pad[7];
	struct nt_ret_term terms[NT_RET_TERMS];
};

struct nt_ret_rule {
	__u8 nclauses; /* 0: no rule (a monitored call is then dropped) */
	__u8 pad[7];
	struct nt_ret_clause clauses[NT_RET_CLAUSES];
};

_Static_assert(sizeof(struct nt_ret_rule) == 8 + NT_RET_CLAUSES * (8 + NT_RET_TERMS * 16), "return rule layout");

/* Identifies a call in flight, for the records held until return. */
struct nt_call_key {
	__u64 tid;
	__u64 cookie;
};

_Static_assert(sizeof(struct nt_skb_event) == NT_SKB_EVENT_BASE_SIZE + 128, "skb event layout");
_Static_assert(sizeof(struct nt_engine_cfg) == 16 + 8 * NT_TP_SLOTS, "engine config layout");

#endif
