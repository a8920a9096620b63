using NetTrace.Abstractions.Events;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using NetTrace.Tests.Unit.Diagnosis;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>--latency-show and --latency-free in upstream's shapes: " latency: X.XXXms" per hit, "total latency:" per lifecycle.</summary>
public sealed class LatencyShowTests
{
    private const ulong Skb = 0xffff888104948300;

    private static SkbTraceEvent[] Ping() =>
    [
        At(37898.357300m, Skb, "__netif_receive_skb_core", "link-in", SkbHits.Ping("10.0.0.1", "10.0.0.2", 3)),
        At(37898.357316m, Skb, "enqueue_to_backlog", "link-in", SkbHits.Ping("10.0.0.1", "10.0.0.2", 3)),
        At(37898.357371m, Skb, "icmp_rcv", "icmp", SkbHits.Ping("10.0.0.1", "10.0.0.2", 3)),
        At(37898.358423m, Skb, "consume_skb", "life", SkbHits.Ping("10.0.0.1", "10.0.0.2", 3), free: true),
    ];

    private static string Write(LatencyShow? latency, ulong minLatencyNs = 0)
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = new LifecycleWriter(output, new EventClock(date: false), detail: false, showReturn: false, new DiagHits.Kernel([]),
            minLatencyNs, latency: latency);
        var assembler = new LifecycleAssembler();
        foreach (var hit in Ping())
            writer.Write(assembler.Add(hit));
        writer.Write(assembler.Flush());
        return output.ToString();
    }

    [Fact]
    public void EachHitAfterTheFirst_AndTheTotalBeforeTheFree()
    {
        string text = Write(new LatencyShow(CountFree: false));

        Assert.Contains("[37898.357300] [__netif_receive_skb_core] ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 3, id: 7\n", text);
        Assert.Contains("[37898.357316] [enqueue_to_backlog  ] ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 3, id: 7 latency: 0.016ms\n", text);
        Assert.Contains("[37898.358423] [consume_skb         ] ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 3, id: 7 latency: 1.052ms\n", text);
        Assert.EndsWith("latency: 1.052ms\ntotal latency: 0.071ms\n\n", text);
    }

    [Fact]
    public void LatencyFree_CountsUpToTheFree()
    {
        Assert.EndsWith("total latency: 1.123ms\n\n", Write(new LatencyShow(CountFree: true)));
    }

    [Fact]
    public void MinLatency_ComparesTheTotalThatShows()
    {
        // 1.123 ms to the free, 0.071 ms before it: 1 ms keeps it under the seed's lifetime, not under upstream's.
        Assert.Contains("consume_skb", Write(null, minLatencyNs: 1_000_000));
        Assert.DoesNotContain("consume_skb", Write(new LatencyShow(CountFree: false), minLatencyNs: 1_000_000));
        Assert.Contains("total latency: 1.123ms", Write(new LatencyShow(CountFree: true), minLatencyNs: 1_000_000));
    }

    [Fact]
    public void Without_NoLatencyText()
    {
        Assert.DoesNotContain("latency", Write(null));
    }
}
