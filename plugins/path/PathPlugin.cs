using NetTrace.Abstractions.Plugins;
using NetTrace.Plugins.Shared;

namespace NetTrace.Plugins.Path;

/// <summary>
/// The packet path from the wire to the socket and back: every trace is a kernel function or tracepoint
/// followed by the host's generic skb tracer; the icmp, route and neigh groups' evidence traces first read
/// what the packet met (bpf/path.bpf.c), then hand the hit to that tracer.
/// </summary>
public sealed class PathPlugin : INetTracePlugin
{
    /// <summary>Bottom-up through the stack, the order `-t ?` lists them in; the skb's life last.</summary>
    private static readonly TraceGroup[] Groups =
    [
        LinkCatalogue.In,
        LinkCatalogue.Out,
        LinkCatalogue.Sched,
        DeviceCatalogue.Bridge,
        ArpCatalogue.Arp,
        NeighbourCatalogue.Neighbour,
        DeviceCatalogue.Bonding,
        DeviceCatalogue.Vlan,
        DeviceCatalogue.Vxlan,
        DeviceCatalogue.Ipvlan,
        DeviceCatalogue.Ovs,
        PacketSocketCatalogue.Packet,
        IpCatalogue.In,
        IpCatalogue.Out,
        IpCatalogue.Route,
        XfrmCatalogue.Xfrm,
        IcmpCatalogue.Icmp,
        UdpCatalogue.In,
        LifeCatalogue.Life,
    ];

    public void Register(IPluginRegistry registry)
    {
        foreach (var group in Groups)
            registry.AddGroup(group.WithRules(typeof(PathPlugin).Assembly));
    }
}
