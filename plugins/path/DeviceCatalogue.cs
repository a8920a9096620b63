using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>
/// Virtual and stacked devices. Functions of modules the kernel lacks (vxlan, ovs...) stay listed: the
/// host skips what it cannot find. Netfilter hook functions take (priv, skb, state), so their skb is arg 1.
/// </summary>
internal static class DeviceCatalogue
{
    private const string HookVerdict = "ret 0: NF_DROP, 1: NF_ACCEPT";

    public static TraceGroup Bridge { get; } = TraceGroup.Generic("bridge", "bridge netfilter hooks (br_netfilter)",
    [
        Function("br_nf_pre_routing", skb: 1).Returns(HookVerdict),
        Function("br_nf_forward_ip", skb: 1).Returns(HookVerdict),
        Function("br_nf_forward_arp", skb: 1).Returns(HookVerdict),
        Function("br_nf_forward", skb: 1).Returns(HookVerdict + " (one forward hook since 6.7)"),
        Function("br_nf_post_routing", skb: 1).Returns(HookVerdict),
    ]);

    public static TraceGroup Bonding { get; } = TraceGroup.Generic("bonding", "bonding transmit",
    [
        Function("bond_dev_queue_xmit", skb: 1).Means("the bond sends the skb through a slave"),
    ]);

    public static TraceGroup Vlan { get; } = TraceGroup.Generic("vlan", "802.1Q VLAN devices",
    [
        Function("vlan_do_receive").ThroughPointer().Means("a tagged frame is handed to its VLAN device"),
        Function("vlan_dev_hard_start_xmit").Means("a VLAN device transmits"),
    ]);

    public static TraceGroup Vxlan { get; } = TraceGroup.Generic("vxlan", "VXLAN encapsulation",
    [
        Function("__iptunnel_pull_header").Means("a tunnel header is removed"),
        Function("vxlan_rcv", skb: 1).Means("a VXLAN packet is received"),
        Function("vxlan_xmit_one").Means("the skb is encapsulated in VXLAN"),
    ]);

    public static TraceGroup Ipvlan { get; } = TraceGroup.Generic("ipvlan", "ipvlan devices",
    [
        Function("ipvlan_handle_frame").ThroughPointer().Means("the master's rx handler receives the frame"),
        Function("ipvlan_rcv_frame", skb: 1).ThroughPointer().Means("the frame is handed to the ipvlan device that owns the address"),
        Function("ipvlan_queue_xmit"),
        Function("ipvlan_xmit_mode_l3"),
        Function("ipvlan_process_v4_outbound"),
    ]);

    public static TraceGroup Ovs { get; } = TraceGroup.Generic("ovs", "Open vSwitch datapath",
    [
        Function("netdev_port_receive"),
        Function("ovs_vport_receive", skb: 1),
        Function("ovs_dp_process_packet").Means("the skb is matched against the flow table"),
    ]);
}
