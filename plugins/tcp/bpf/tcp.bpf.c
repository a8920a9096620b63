/* Entry programs for a listener's queues as a connection request meets them: the SYN in tcp_conn_request and the
 * handshake's last ACK in tcp_v4/v6_syn_recv_sock. Both functions check "accept queue full" right after entry and
 * drop the packet when it is (the SYN through consume_skb, with no drop reason), so the queue lengths read here are
 * the evidence the lifecycle otherwise lacks. Each fills the hand-off slot's extra and tail-calls the engine's
 * worker, so the hit lands in the packet's lifecycle. */
#include "nt_handoff.h"
#include "listen.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* Keeps the evidence layout in the object's BTF for the layout test (nothing else names the type). */
const struct nt_listen_evidence *nt_anchor_nt_listen_evidence __attribute__((unused));

/* Continuing the NT_EXTRA_* kinds (C#: SkbExtraKind). */
#define NT_EXTRA_LISTENER 7

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

typedef struct {
	int counter;
} atomic_t___tcp;

struct sock___tcp {
	__u32 sk_ack_backlog;
	__u32 sk_max_ack_backlog;
};

struct request_sock_queue___tcp {
	atomic_t___tcp qlen;
};

struct inet_connection_sock___tcp {
	struct request_sock_queue___tcp icsk_accept_queue;
};

#pragma clang attribute pop

static __always_inline int listener_seen(void *ctx, void *workers, const void *sk, __u64 skb)
{
	if (!sk || !skb)
		return 0;
	struct nt_handoff *h = nt_handoff_slot();
	if (!h)
		return 0;
	struct nt_skb_extra *x = &h->extra;
	x->kind = NT_EXTRA_LISTENER;
	x->pf = 0;
	x->hook = 0;
	x->nhooks = 0;
	h->has_extra = 1;
	struct nt_listen_evidence *e = (struct nt_listen_evidence *)&x->names;
	const struct sock___tcp *s = sk;
	const struct inet_connection_sock___tcp *icsk = sk;
	e->accept_queue = BPF_CORE_READ(s, sk_ack_backlog);
	e->accept_backlog = BPF_CORE_READ(s, sk_max_ack_backlog);
	e->syn_queue = BPF_CORE_READ(icsk, icsk_accept_queue.qlen.counter);
	e->pad = 0;
	return nt_hand_off_slot(ctx, workers, h, skb, bpf_get_attach_cookie(ctx), 0, 0);
}

/* tcp_conn_request(rsk_ops, af_ops, sk, skb): a SYN reaches a listener. */
NT_PLUGIN_ENTRY(nt_conn_request, listener_seen(ctx, workers, (const void *)PT_REGS_PARM3(ctx), PT_REGS_PARM4(ctx)))

/* tcp_v4_syn_recv_sock(sk, skb, req, dst, req_unhash, own_req), and v6's: the handshake's last ACK makes the child. */
NT_PLUGIN_ENTRY(nt_syn_recv_sock, listener_seen(ctx, workers, (const void *)PT_REGS_PARM1(ctx), PT_REGS_PARM2(ctx)))
