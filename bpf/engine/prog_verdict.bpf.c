/* --bpf-progs: fexit programs on the tc (sched_cls) and XDP programs loaded in the kernel, one object per watched
 * program (the kernel binds a tracing program to its target at load). The object takes the engine's maps by file
 * descriptor, so a tc program's hit joins the lifecycle of its skb like any traced function's, with the program's
 * verdict as the hit's return value. C# loads it in Host/Engine/ProgramVerdicts.cs. */
#include "nt_packet.h"
#include "engine.h"
#include "nt_handoff.h"
#include "hit.h"

char LICENSE[] SEC("license") = "GPL";

/* C# mirrors it in Host/Engine/ProgramVerdictConfig.cs. */
struct nt_prog_verdict_cfg {
	__u64 cookie; /* tc: the ingress trace's cookie (the egress trace's id is the next one); XDP: its trace's */
	__u32 prog_id; /* the watched program's id, for the record (aux0) */
	__u32 pad;
};

NT_BTF_ANCHOR(nt_prog_verdict_cfg);

const volatile struct nt_prog_verdict_cfg nt_prog_verdict = {};

/* Whether tc runs the program at ingress; a kernel without the bit (no CONFIG_NET_CLS_ACT) counts as ingress. */
static __always_inline bool nt_tc_ingress(struct sk_buff *skb)
{
	if (!bpf_core_field_exists(skb->tc_at_ingress))
		return true;
	return BPF_CORE_READ_BITFIELD_PROBED(skb, tc_at_ingress);
}

SEC("fexit")
int nt_tc_verdict(void *ctx)
{
	__u64 arg = 0, ret = 0;
	/* The program's context is a struct __sk_buff to it, the kernel's struct sk_buff underneath. */
	if (bpf_get_func_arg(ctx, 0, &arg) || !arg || bpf_get_func_ret(ctx, &ret))
		return 0;
	struct sk_buff *skb = (struct sk_buff *)arg;
	__u64 cookie = nt_prog_verdict.cookie + (nt_tc_ingress(skb) ? 0 : 1);
	if (!nt_nest_enter())
		return 0;
	struct nt_skb_event *ev = nt_scratch_buf();
	if (ev && nt_fill(ev, skb, 0, cookie)) {
		ev->ret = (__s32)ret;
		ev->flags |= NT_EV_RET;
		ev->aux0 = nt_prog_verdict.prog_id;
		if (cookie & NT_COOKIE_STACK)
			ev->stack_id = bpf_get_stackid(ctx, &nt_stacks, BPF_F_FAST_STACK_CMP);
		nt_emit_hit(ev);
	}
	nt_nest_exit();
	return 0;
}

/* The frame's network header: after the Ethernet header and up to two VLAN tags. */
static __always_inline void nt_xdp_locate_l3(void *data, void *end, struct nt_parsed *p)
{
	__u8 eth[NT_ETH_HLEN + 8];
	__u32 len = end > data ? end - data : 0;
	p->l3 = 0;
	if (len < NT_ETH_HLEN || bpf_probe_read_kernel(eth, NT_ETH_HLEN, data))
		return;
	__u32 off = 12;
	__u16 proto = ((__u16)eth[12] << 8) | eth[13];
	if ((proto == 0x8100 || proto == 0x88a8) && len >= NT_ETH_HLEN + 8 && !bpf_probe_read_kernel(eth, sizeof(eth), data)) {
		off = 16;
		proto = ((__u16)eth[16] << 8) | eth[17];
		if (proto == 0x8100) {
			off = 20;
			proto = ((__u16)eth[20] << 8) | eth[21];
		}
	}
	p->l3 = (unsigned char *)data + off + 2;
	p->mac_len = off + 2;
	p->l3proto = proto;
	__u32 at = off + 2;
	p->l3_avail = len > at ? (len - at > 0xffff ? 0xffff : len - at) : 0;
}

/* --ifname and --mark on a frame: its device's name; a frame has no mark, so --mark refuses it. */
static __always_inline bool nt_xdp_filter_refuses(struct net_device *dev)
{
	const volatile struct nt_filter *f = &nt_cfg.filter;

	if (f->mark_mask)
		return true;
	if (f->ifname[0]) {
		__u64 name[2] = {};
		if (!dev || bpf_probe_read_kernel(name, sizeof(name), dev->name))
			return true;
		const volatile __u64 *want = (const volatile __u64 *)f->ifname;
		return name[0] != want[0] || name[1] != want[1];
	}
	return false;
}

/* An XDP program's verdict on a frame: no skb exists yet, so the hit is a lifecycle of its own (the frame's
 * address its key), ended at once; a frame the program passes on becomes an skb the engine follows from there. */
SEC("fexit")
int nt_xdp_verdict(void *ctx)
{
	__u64 arg = 0, ret = 0;
	if (bpf_get_func_arg(ctx, 0, &arg) || !arg || bpf_get_func_ret(ctx, &ret))
		return 0;
	struct xdp_buff *xdp = (struct xdp_buff *)arg;
	void *data = BPF_CORE_READ(xdp, data), *end = BPF_CORE_READ(xdp, data_end);
	struct net_device *dev = BPF_CORE_READ(xdp, rxq, dev);
	__u32 netns = dev ? BPF_CORE_READ(dev, nd_net.net, ns.inum) : 0;
	__u64 cookie = nt_prog_verdict.cookie;

	if ((cookie & NT_COOKIE_NOSTART) || nt_pid_rejected() || nt_netns_rejected(netns))
		return 0;
	struct nt_parsed p = {};
	p.skb_refused = nt_xdp_filter_refuses(dev);
	nt_xdp_locate_l3(data, end, &p);
	if (!p.l3)
		return 0;
	if (p.l3proto == NT_ETH_P_IP)
		nt_parse_ipv4(&p);
	else if (p.l3proto == NT_ETH_P_IPV6)
		nt_parse_ipv6(&p);
	if (!nt_packet_matches(&p) || nt_engine.func_stats || nt_engine.latency || !nt_nest_enter())
		return 0;
	struct nt_skb_event *ev = nt_scratch_buf();
	if (ev) {
		__u32 avail = p.l3_avail;
		asm volatile("%0 &= 0xff" : "+r"(avail));
		if (avail > NT_PKT_CAP)
			avail = NT_PKT_CAP;
		if (avail && bpf_probe_read_kernel(ev->base.pkt.data, avail, p.l3))
			avail = 0;
		ev->base.pkt.cap_len = avail;
		ev->base.pkt.l3proto = p.l3proto;
		ev->base.pkt.len = end > data ? end - data : 0;
		nt_fill_header(&ev->base.hdr, NT_ENGINE_KIND_HIT, sizeof(*ev));
		struct nt_pkt_meta *meta = &ev->base.meta;
		meta->ts = bpf_ktime_get_ns();
		meta->skb = arg;
		meta->pid = bpf_get_current_pid_tgid() >> 32;
		meta->cpu = bpf_get_smp_processor_id();
		meta->netns = netns;
		bpf_get_current_comm(meta->comm, sizeof(meta->comm));
		meta->ifindex = dev ? BPF_CORE_READ(dev, ifindex) : 0;
		meta->ifname[0] = 0;
		if (dev)
			bpf_probe_read_kernel_str(meta->ifname, sizeof(meta->ifname), dev->name);
		ev->trace = cookie & NT_COOKIE_TRACE_MASK;
		ev->flags = NT_EV_RET | NT_EV_FREE | (nt_engine.track ? NT_EV_FIRST : 0);
		ev->ret = (__s32)ret;
		ev->aux0 = nt_prog_verdict.prog_id;
		ev->aux1 = 0;
		ev->stack_id = (cookie & NT_COOKIE_STACK) ? bpf_get_stackid(ctx, &nt_stacks, BPF_F_FAST_STACK_CMP) : -1;
		ev->mark = 0;
		ev->latency_span = 0;
		nt_emit(ev, NT_SKB_EVENT_BASE_SIZE);
	}
	nt_nest_exit();
	return 0;
}
