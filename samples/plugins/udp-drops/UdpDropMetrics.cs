using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Metrics;
using NetTrace.Abstractions.Rendering;

namespace Contoso.NetTrace.UdpDrops;

/// <summary>
/// What the group exports under --metrics: datagrams a socket could not queue, by the kernel's error. Prefixed with
/// the vendor's name, as every metric name is shared with all other installed plugins.
/// </summary>
public static class UdpDropMetrics
{
    public const string DropsTotal = "contoso_udp_drops_total";

    public static GroupMetrics Declaration { get; } = new(
        [MetricSpec.Counter(DropsTotal, "UDP datagrams a socket could not queue, by the kernel's error (ENOMEM: receive buffer full, ENOBUFS: net.ipv4.udp_mem).", "errno")],
        Observe);

    /// <summary>Called by the host with each of the group's events, on its polling thread.</summary>
    private static void Observe(ITraceEvent ev, IRenderContext context, IMetricSink sink)
    {
        if (ev is UdpDropEvent drop)
            sink.Increment(DropsTotal, UdpDropCause.Errno(drop.Rc));
    }
}
