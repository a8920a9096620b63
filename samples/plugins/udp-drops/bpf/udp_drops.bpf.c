/* udp-drops: every datagram a UDP socket could not queue (receive buffer full, or UDP's memory limit), from the
 * udp:udp_fail_queue_rcv_skb tracepoint, with the socket's buffer numbers at that moment. The kernel passes the skb
 * to this tracepoint since 6.10; on older kernels the programs below do not load or attach and the host says so.
 *
 * The host provides, through nt_common.h: nt_cfg (the session's filters and this group's owner id, written into
 * .rodata before load), nt_events (the ring buffer it polls), nt_lost, nt_nest, nt_scratch and nt_stacks. */
#include "nt_packet.h"
#include "udp_drops.h"

char LICENSE[] SEC("license") = "GPL";

/* Keeps the record in the object's BTF, so tools (and tests) can compare it with the C# mirror. */
NT_BTF_ANCHOR(udpd_event);

/* Only the fields read, relocated by name against the running kernel's BTF (CO-RE). */
#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

typedef struct {
	int counter;
} atomic_t___udpd;

struct sock___udpd {
	struct {
		atomic_t___udpd rmem_alloc;
	} sk_backlog;
	int sk_rcvbuf;
};

struct sk_buff___udpd {
	unsigned int truesize;
};

#pragma clang attribute pop

static __always_inline int udpd_on_fail(void *ctx, int rc, struct sock *sk, struct sk_buff *skb)
{
	if (!skb || !sk || nt_pid_rejected())
		return 0;
	__u32 netns = nt_skb_netns(skb);
	if (nt_netns_rejected(netns))
		return 0;
	/* The same -p/--saddr/--dport... filters as every other group, decided here so nothing unwanted is copied. */
	struct nt_parsed p = {};
	nt_parse(skb, &p);
	if (!nt_packet_matches(&p))
		return 0;

	/* Records are built in per-CPU scratch memory with one buffer per nesting level: take a level first, release
	 * it on every path (a program in an interrupt then uses the next buffer, not this one). */
	if (!nt_nest_enter())
		return 0;
	struct udpd_event *ev = nt_scratch_buf();
	if (ev) {
		nt_fill_header(&ev->base.hdr, UDPD_KIND_QUEUE_FAIL, sizeof(*ev));
		nt_fill_meta(&ev->base.meta, skb, netns);
		nt_capture(&ev->base.pkt, skb, &p);
		struct sock___udpd *s = (void *)sk;
		ev->rc = rc;
		ev->rcvbuf = BPF_CORE_READ(s, sk_rcvbuf);
		ev->rmem = BPF_CORE_READ(s, sk_backlog.rmem_alloc.counter);
		ev->truesize = BPF_CORE_READ((struct sk_buff___udpd *)skb, truesize);
		nt_emit(ev, sizeof(*ev));
	}
	nt_nest_exit();
	return 0;
}

/* Two flavours of one body: the host tries tp_btf (typed arguments) first, then raw_tp. */
SEC("tp_btf/udp_fail_queue_rcv_skb")
int BPF_PROG(udpd_tp_btf, int rc, struct sock *sk, struct sk_buff *skb)
{
	return udpd_on_fail(ctx, rc, sk, skb);
}

SEC("raw_tp/udp_fail_queue_rcv_skb")
int BPF_PROG(udpd_raw_tp, int rc, struct sock *sk, struct sk_buff *skb)
{
	return udpd_on_fail(ctx, rc, sk, skb);
}
