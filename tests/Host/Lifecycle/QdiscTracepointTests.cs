using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>
/// The qdisc_enqueue/qdisc_dequeue tracepoints, whose skb is not their first argument: the engine's own programs
/// join them to the packet's lifecycle and read the qdisc's state, which --diag notes on the line.
/// </summary>
public sealed class QdiscTracepointTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);
    private const string Note = @"\*qdisc state: 0x[0-9a-f]+, flags: 0x[0-9a-f]+, last-update: (\d+ms|unknown), len: (\d+)\*";

    [RootFact]
    public void Diag_PingThroughATokenBucket_PassesBothQdiscTracepointsWithTheirNote()
    {
        using var net = new NetnsPair();
        // veth has no qdisc of its own (noqueue); tbf queues every packet (no bypass), so both tracepoints fire.
        net.In(net.Client, $"tc qdisc replace dev {net.ClientDevice} root tbf rate 100mbit burst 32k latency 50ms");
        using var nettrace = NettraceProcess.StartTracing("--diag", "-p", "icmp", "--saddr", net.ClientIp, "--daddr", net.ServerIp);

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        Assert.True(nettrace.WaitForLine(@"\[qdisc_dequeue +\] ICMP: .* ping request.* " + Note, EventTimeout), nettrace.Describe());
        nettrace.Stop();
        string enqueue = Assert.Single(nettrace.Stdout, l => l.Contains("[qdisc_enqueue", StringComparison.Ordinal));
        Assert.Matches(@"ICMP: " + net.ClientIp.Replace(".", @"\.") + @" -> .* ping request.* " + Note, enqueue);
        // Read after the packet joined the queue: it counts itself.
        Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(enqueue, Note).Groups[2].Value) >= 1, enqueue);
        // In the lifecycle between the device queue and the driver, as the kernel passes them.
        var order = nettrace.Stdout.Where(l => l.Contains("ping request", StringComparison.Ordinal))
            .Select(l => l.Split(']')[1].Trim(' ', '[')).ToList();
        Assert.True(order.IndexOf("qdisc_enqueue") < order.IndexOf("qdisc_dequeue"), string.Join('\n', order));
    }
}
