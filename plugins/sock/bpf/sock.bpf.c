/* --sock: trace TCP sockets instead of packets. One small program per traced function or tracepoint
 * reads the socket's tuple, state, congestion state, counters, memory, pending timer and RTTs, applies
 * the session's filters to the tuple (and the RTT filters), and emits one record. */
#include "nt_packet.h"
#include "sock.h"
#include "nt_hist.h"

char LICENSE[] SEC("license") = "GPL";

NT_BTF_ANCHOR(nt_sock_event);
NT_BTF_ANCHOR(nt_sock_cfg);
/* Puts the trace ids in BTF, where a unit test compares them with the catalogue. */
const enum nt_sock_trace *nt_anchor_nt_sock_trace __attribute__((unused));

const volatile struct nt_sock_cfg nt_sock = {};

/* --rtt: RTT samples per log2 bucket of microseconds, per CPU. */
NT_HIST_MAP(nt_sock_rtt_hist);

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct in6_addr___nt {
	union {
		__u8 u6_addr8[16];
	} in6_u;
};

struct sock_common___nt {
	__be32 skc_daddr;
	__be32 skc_rcv_saddr;
	__be16 skc_dport;
	__u16 skc_num;
	unsigned short skc_family;
	volatile unsigned char skc_state;
	struct in6_addr___nt skc_v6_daddr;
	struct in6_addr___nt skc_v6_rcv_saddr;
	possible_net_t skc_net;
};

typedef struct {
	int counter;
} atomic_t___nt;

struct sock___nt {
	struct sock_common___nt __sk_common;
	struct {
		atomic_t___nt rmem_alloc;
	} sk_backlog;
	int sk_wmem_queued;
	int sk_rcvbuf;
	__u32 sk_ack_backlog;
	__u32 sk_max_ack_backlog;
};

struct socket___nt {
	struct sock___nt *sk;
};

struct timer_list___nt {
	unsigned long expires;
};

struct inet_connection_sock___nt {
	__u8 icsk_ca_state : 5;
	__u8 icsk_pending;
	unsigned long icsk_timeout;
	struct timer_list___nt icsk_retransmit_timer;
};

struct tcp_rack___nt {
	__u32 rtt_us;
};

struct tcp_sock___nt {
	__u32 srtt_us;
	__u32 packets_out;
	__u32 retrans_out;
	struct tcp_rack___nt rack;
};

#pragma clang attribute pop

#define AF_INET 2
#define AF_INET6 10

/* jiffies until the socket's pending timer fires (icsk_timeout went away in 6.15: the timer's own expiry). */
static __always_inline __s64 nt_timer_left(struct inet_connection_sock___nt *icsk)
{
	unsigned long expires = bpf_core_field_exists(icsk->icsk_timeout)
		? BPF_CORE_READ(icsk, icsk_timeout)
		: BPF_CORE_READ(icsk, icsk_retransmit_timer.expires);
	return (__s64)(expires - bpf_jiffies64());
}

/* The tuple as a parsed packet (local = source), so the packet filters apply unchanged. */
static __always_inline bool nt_sock_tuple(struct sock___nt *sk, struct nt_sock_event *ev, struct nt_parsed *p)
{
	unsigned short family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (family == AF_INET) {
		__be32 s = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr), d = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		__builtin_memset(ev->saddr, 0, 32);
		__builtin_memcpy(ev->saddr, &s, 4);
		__builtin_memcpy(ev->daddr, &d, 4);
		ev->family = 4;
		p->l3proto = 0x0800;
	} else if (family == AF_INET6) {
		BPF_CORE_READ_INTO(&ev->saddr, sk, __sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8);
		BPF_CORE_READ_INTO(&ev->daddr, sk, __sk_common.skc_v6_daddr.in6_u.u6_addr8);
		ev->family = 6;
		p->l3proto = 0x86DD;
	} else {
		return false;
	}
	ev->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
	ev->dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	p->family = ev->family;
	p->l4proto = 6;
	p->has_ports = 1;
	p->sport = ev->sport;
	p->dport = ev->dport;
	__builtin_memcpy(p->saddr, ev->saddr, 16);
	__builtin_memcpy(p->daddr, ev->daddr, 16);
	return true;
}

/* No socket (a reset answering a packet nobody owns): the tuple is the skb's, reversed. */
static __always_inline bool nt_skb_tuple(struct sk_buff *skb, struct nt_sock_event *ev, struct nt_parsed *p)
{
	struct nt_parsed in = {};
	nt_parse(skb, &in);
	if (!in.family || !in.has_ports)
		return false;
	ev->family = in.family;
	ev->sport = in.dport;
	ev->dport = in.sport;
	__builtin_memcpy(ev->saddr, in.daddr, 16);
	__builtin_memcpy(ev->daddr, in.saddr, 16);
	p->l3proto = in.l3proto;
	p->family = in.family;
	p->l4proto = in.l4proto;
	p->has_ports = 1;
	p->sport = ev->sport;
	p->dport = ev->dport;
	__builtin_memcpy(p->saddr, ev->saddr, 16);
	__builtin_memcpy(p->daddr, ev->daddr, 16);
	return true;
}

/* Fills the record of one hit; false when the filters reject it. rtt_arg >= 0 is a measurement the hit itself
 * carries. */
static __always_inline bool nt_sock_fill(struct nt_sock_event *ev, struct sock___nt *sk, struct sk_buff *skb, __u16 trace,
					 __s64 rtt_arg, __u16 flags, __u32 aux0, __u32 aux1)
{
	struct nt_parsed p = {};
	__u32 netns = 0;
	if (sk) {
		if (!nt_sock_tuple(sk, ev, &p))
			return false;
		netns = BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
	} else {
		if (!skb || !nt_skb_tuple(skb, ev, &p))
			return false;
		netns = nt_skb_netns(skb);
		flags |= NT_SOCK_FROM_SKB;
	}
	if (nt_netns_rejected(netns) || !nt_packet_matches(&p))
		return false;

	struct tcp_sock___nt *tp = (void *)sk;
	struct inet_connection_sock___nt *icsk = (void *)sk;
	if (sk) {
		ev->state = BPF_CORE_READ(sk, __sk_common.skc_state);
		ev->ca_state = BPF_CORE_READ_BITFIELD_PROBED(icsk, icsk_ca_state);
		ev->timer = BPF_CORE_READ(icsk, icsk_pending);
		ev->timer_jiffies = ev->timer ? nt_timer_left(icsk) : 0;
		ev->packets_out = BPF_CORE_READ(tp, packets_out);
		ev->retrans_out = BPF_CORE_READ(tp, retrans_out);
		ev->wmem = BPF_CORE_READ(sk, sk_wmem_queued);
		ev->rmem = BPF_CORE_READ(sk, sk_backlog.rmem_alloc.counter);
		ev->srtt_us = BPF_CORE_READ(tp, srtt_us) >> 3;
		ev->rtt_us = BPF_CORE_READ(tp, rack.rtt_us);
		ev->rcvbuf = BPF_CORE_READ(sk, sk_rcvbuf);
		/* A listener's accept queue: full when it holds more than the backlog (sk_acceptq_is_full). inet_listen
		 * passes the backlog it is about to set. */
		if ((flags & NT_SOCK_BACKLOG) || (ev->state == 10 /* TCP_LISTEN */ && !(flags & (NT_SOCK_STATES | NT_SOCK_RESET)))) {
			aux0 = BPF_CORE_READ(sk, sk_ack_backlog);
			if (!(flags & NT_SOCK_BACKLOG))
				aux1 = BPF_CORE_READ(sk, sk_max_ack_backlog);
			flags |= NT_SOCK_BACKLOG;
		}
	} else {
		ev->state = 7; /* TCP_CLOSE */
		ev->ca_state = 0;
		ev->timer = 0;
		ev->timer_jiffies = 0;
		ev->packets_out = 0;
		ev->retrans_out = 0;
		ev->wmem = 0;
		ev->rmem = 0;
		ev->srtt_us = 0;
		ev->rtt_us = 0;
		ev->rcvbuf = 0;
		flags &= ~NT_SOCK_BACKLOG;
	}
	if (rtt_arg >= 0) {
		ev->rtt_us = (__u32)rtt_arg;
		flags |= NT_SOCK_HAS_RTT;
	}
	if (nt_sock.min_rtt_us && ev->rtt_us < nt_sock.min_rtt_us)
		return false;
	if (nt_sock.min_srtt_us && ev->srtt_us < nt_sock.min_srtt_us)
		return false;
	if (nt_sock.full_listeners_only && trace == NT_SOCK_TRACE_tcp_rcv_state_process && !((flags & NT_SOCK_BACKLOG) && aux0 > aux1))
		return false;

	nt_fill_header(&ev->hdr, NT_SOCK_KIND, sizeof(*ev));
	ev->meta.ts = bpf_ktime_get_ns();
	ev->meta.skb = (__u64)sk;
	ev->meta.pid = bpf_get_current_pid_tgid() >> 32;
	ev->meta.cpu = bpf_get_smp_processor_id();
	ev->meta.netns = netns;
	ev->meta.ifindex = 0;
	ev->meta.ifname[0] = 0;
	bpf_get_current_comm(ev->meta.comm, sizeof(ev->meta.comm));
	ev->aux0 = aux0;
	ev->aux1 = aux1;
	ev->trace = trace;
	ev->flags = flags;
	return true;
}

/* --rtt: a hit that passed the filters counts its RTT sample instead of sending a record: tcp_ack_update_rtt's own
 * measurement, or the socket's srtt where the mode runs on tcp_probe (no kprobes). An ACK that measured nothing
 * counts nothing. */
static __always_inline void nt_sock_count_rtt(const struct nt_sock_event *ev)
{
	if (ev->flags & NT_SOCK_HAS_RTT)
		nt_hist_count(&nt_sock_rtt_hist, ev->rtt_us);
	else if (ev->trace == NT_SOCK_TRACE_tcp_probe)
		nt_hist_count(&nt_sock_rtt_hist, ev->srtt_us);
}

/* One hit, built in this nesting level's scratch buffer (an interrupting program has its own). */
static __always_inline int nt_sock_hit(void *ctx, struct sock___nt *sk, struct sk_buff *skb, __u16 trace, __s64 rtt_arg,
				       __u16 flags, __u32 aux0, __u32 aux1)
{
	if (nt_pid_rejected() || !nt_nest_enter())
		return 0;
	struct nt_sock_event *ev = nt_scratch_buf();
	if (ev && nt_sock_fill(ev, sk, skb, trace, rtt_arg, flags, aux0, aux1)) {
		if (nt_sock.rtt_hist)
			nt_sock_count_rtt(ev);
		else
			nt_emit(ev, sizeof(*ev));
	}
	nt_nest_exit();
	return 0;
}

#define SK(n) ((struct sock___nt *)PT_REGS_PARM##n(ctx))

/* A kprobe whose sock is argument 0; the program and the trace id are both named after the function. */
#define NT_SOCK_KPROBE(name)                                                     \
	SEC("kprobe")                                                            \
	int nt_sock_##name(struct pt_regs *ctx)                                  \
	{                                                                        \
		return nt_sock_hit(ctx, SK(1), 0, NT_SOCK_TRACE_##name, -1, 0, 0, 0); \
	}

NT_SOCK_KPROBE(tcp_rcv_state_process)
NT_SOCK_KPROBE(tcp_ack)
NT_SOCK_KPROBE(__tcp_transmit_skb)
NT_SOCK_KPROBE(tcp_write_timer_handler)
NT_SOCK_KPROBE(tcp_retransmit_timer)
NT_SOCK_KPROBE(tcp_enter_recovery)
NT_SOCK_KPROBE(tcp_enter_loss)
NT_SOCK_KPROBE(tcp_retransmit_skb)
NT_SOCK_KPROBE(tcp_send_loss_probe)
NT_SOCK_KPROBE(tcp_send_active_reset)
NT_SOCK_KPROBE(tcp_close)
NT_SOCK_KPROBE(tcp_send_probe0)
NT_SOCK_KPROBE(tcp_try_keep_open)
NT_SOCK_KPROBE(tcp_enter_cwr)
NT_SOCK_KPROBE(tcp_dsack_set)
NT_SOCK_KPROBE(tcp_ack_probe)
NT_SOCK_KPROBE(tcp_probe_timer)
NT_SOCK_KPROBE(tcp_fastretrans_alert)
NT_SOCK_KPROBE(tcp_rearm_rto)
NT_SOCK_KPROBE(tcp_event_new_data_sent)
NT_SOCK_KPROBE(tcp_schedule_loss_probe)
/* tcp_rtx_synack(sk, req): sk is the listener; the record shows its tuple and accept queue. */
NT_SOCK_KPROBE(tcp_rtx_synack)
NT_SOCK_KPROBE(tcp_rcv_spurious_retrans)
NT_SOCK_KPROBE(tcp_sendmsg_locked)
NT_SOCK_KPROBE(__tcp_push_pending_frames)

/* inet_listen(struct socket *sock, int backlog): the sock is sock->sk; the backlog (already capped by somaxconn)
 * is what the socket will keep. */
SEC("kprobe")
int nt_sock_inet_listen(struct pt_regs *ctx)
{
	struct socket___nt *sock = (void *)PT_REGS_PARM1(ctx);
	return nt_sock_hit(ctx, BPF_CORE_READ(sock, sk), 0, NT_SOCK_TRACE_inet_listen, -1, NT_SOCK_BACKLOG, 0, (__u32)PT_REGS_PARM2(ctx));
}

/* tcp_ack_update_rtt(sk, flag, seq_rtt_us, ...): the RTT just measured, or -1 when the ACK gave none. */
SEC("kprobe")
int nt_sock_tcp_ack_update_rtt(struct pt_regs *ctx)
{
	long rtt = (long)PT_REGS_PARM3(ctx);
	return nt_sock_hit(ctx, SK(1), 0, NT_SOCK_TRACE_tcp_ack_update_rtt, rtt < 0 ? -1 : rtt, 0, 0, 0);
}

/* The tracepoints, for kernels without kprobes (raw tracepoint arguments as 64-bit words); tcp_retransmit_skb
 * is the fallback of the function of that name, so it shares its trace id. */
SEC("raw_tp")
int nt_sock_tp_set_state(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_sock_hit(ctx, (void *)ctx->args[0], 0, NT_SOCK_TRACE_inet_sock_set_state, -1, NT_SOCK_STATES, (__u32)ctx->args[1], (__u32)ctx->args[2]);
}

SEC("raw_tp")
int nt_sock_tp_probe(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_sock_hit(ctx, (void *)ctx->args[0], 0, NT_SOCK_TRACE_tcp_probe, -1, 0, 0, 0);
}

SEC("raw_tp")
int nt_sock_tp_retransmit(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_sock_hit(ctx, (void *)ctx->args[0], 0, NT_SOCK_TRACE_tcp_retransmit_skb, -1, 0, 0, 0);
}

/* tcp_send_reset(sk, skb) and, since 6.10, (sk, skb, reason); sk is NULL when no socket owns the packet. */
SEC("raw_tp")
int nt_sock_tp_send_reset(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_sock_hit(ctx, (void *)ctx->args[0], (void *)ctx->args[1], NT_SOCK_TRACE_tcp_send_reset, -1, 0, 0, 0);
}

SEC("raw_tp")
int nt_sock_tp_send_reset_reason(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_sock_hit(ctx, (void *)ctx->args[0], (void *)ctx->args[1], NT_SOCK_TRACE_tcp_send_reset, -1, NT_SOCK_RESET, (__u32)ctx->args[2], 0);
}

SEC("raw_tp")
int nt_sock_tp_receive_reset(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_sock_hit(ctx, (void *)ctx->args[0], 0, NT_SOCK_TRACE_tcp_receive_reset, -1, 0, 0, 0);
}

SEC("raw_tp")
int nt_sock_tp_destroy(struct bpf_raw_tracepoint_args *ctx)
{
	return nt_sock_hit(ctx, (void *)ctx->args[0], 0, NT_SOCK_TRACE_tcp_destroy_sock, -1, 0, 0, 0);
}
