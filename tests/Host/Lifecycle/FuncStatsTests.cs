using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>--func-stats on this kernel's tracepoints: the kernel counts each trace's hits for the filtered packets.</summary>
public sealed class FuncStatsTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void FuncStats_CountsTheFilteredPingsPerTrace()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--func-stats", "-p", "icmp", "--saddr", net.ClientIp);

        net.In(net.Client, $"ping -c 3 -i 0.2 -W 2 {net.ServerIp}", check: false);

        // Three requests from the client, each received once in the server's namespace (replies are filtered out).
        Assert.True(nettrace.WaitForLine(@"^ (__netif_receive_skb_core) +: 3$", EventTimeout), nettrace.Describe());
        nettrace.Stop();
        var lines = nettrace.Stdout.ToList();
        Assert.Contains("function statistics:", lines);
        Assert.All(lines.Where(l => l.StartsWith(' ')), l => Assert.Matches(@"^ \S+ +: [1-9]\d*$", l));
        // Nothing of the packets themselves: the kernel sent no record.
        Assert.DoesNotContain(lines, l => l.Contains("ICMP:", StringComparison.Ordinal));
        Assert.Equal("end trace...", lines.Last(l => l.Length > 0));
        Assert.Matches(@"nettrace: \d+ calls counted in \d+ of \d+ traces", nettrace.Stderr);
    }
}
