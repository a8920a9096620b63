using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>
/// Neighbour resolution (ARP, NDISC) as packets meet it: a packet queued on an unresolved neighbour, and the
/// packet dropped when resolution fails. The entry programs read the neighbour's address and NUD state.
/// </summary>
internal static class NeighbourCatalogue
{
    public static TraceGroup Neighbour { get; } = new("neigh", PathObject.NeighbourOwner, PathObject.Open,
    [
        new TraceSpec("__neigh_event_send", [AttachTarget.Entry("nt_neigh", "__neigh_event_send")]) { SkbArg = 1 }
            .Means("the packet waits for its neighbour to be resolved (ARP/NDISC), or is dropped if it failed"),
        new TraceSpec("arp_error_report", [AttachTarget.Entry("nt_neigh", "arp_error_report")]) { SkbArg = 1 }
            .Means("ARP resolution failed: the queued packet is answered with host unreachable and dropped"),
        new TraceSpec("ndisc_error_report", [AttachTarget.Entry("nt_neigh", "ndisc_error_report")]) { SkbArg = 1 }
            .Means("NDISC resolution failed: the queued packet is answered with address unreachable and dropped"),
    ], [], null, new PathEvidenceRenderer())
    {
        Description = "neighbour resolution (ARP, NDISC) met by packets",
    };
}
