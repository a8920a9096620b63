using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>
/// Upstream nettrace's options on this kernel's tracepoints, with a ping between two namespaces (the request's skb
/// is queued in the client, received in the server and consumed there): latency lines, trace control, and
/// "end trace..." at every exit.
/// </summary>
public sealed class UpstreamOptionsTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The receive core's line: lines show the hooked point, here its tracepoint.</summary>
    private const string Receive = @"\[(__netif_receive_skb_core|netif_receive_skb\s*)\]";

    private static string Request(NetnsPair net) =>
        $@"ICMP: {Pattern.Esc(net.ClientIp)} -> {Pattern.Esc(net.ServerIp)} ping request, seq: 1";

    /// <summary>The lines of the first printed lifecycle whose lines show the request, header excluded.</summary>
    private static List<string> RequestContext(NettraceProcess nettrace, NetnsPair net)
    {
        var lines = nettrace.Stdout.ToList();
        int header = lines.FindIndex(l => l.StartsWith("*****************", StringComparison.Ordinal)
            && lines.Skip(lines.IndexOf(l) + 1).TakeWhile(x => x.Length > 0).Any(x => Regex.IsMatch(x, Request(net))));
        Assert.True(header >= 0, nettrace.Describe());
        return lines.Skip(header + 1).TakeWhile(l => l.Length > 0).ToList();
    }

    [RootFact]
    public void LatencyShow_EveryHitAfterTheFirstAndTheTotal_ThenEndTraceAtCount()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp, "--latency-show", "-c", "1");

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var context = RequestContext(nettrace, net);
        Assert.DoesNotMatch(@"latency:", context[0]);
        Assert.All(context.Skip(1).Where(l => l.StartsWith('[')), l => Assert.Matches(@" latency: \d+\.\d{3}ms$", l));
        Assert.Matches(@"^total latency: \d+\.\d{3}ms$", context[^1]);
        // -c reached: the session says it ended, as upstream does, before the summary on stderr.
        Assert.Equal("end trace...", nettrace.Stdout.Last(l => l.Length > 0));
    }

    [RootFact]
    public void TraceMatcher_OnlyTheReceiveStartsTheLifecycle()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp, "--trace-matcher", "netif_receive_skb");

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        Assert.True(nettrace.WaitForLine($@"\[consume_skb\s*\] {Request(net)}", EventTimeout), nettrace.Describe());
        nettrace.Stop();
        var context = RequestContext(nettrace, net);
        // The client queued it first (__dev_queue_xmit), but that trace may not start a lifecycle.
        Assert.Matches(Receive, context[0]);
        Assert.DoesNotMatch(@"\[(__dev_queue_xmit|net_dev_queue)\s*\]", string.Join('\n', context));
        Assert.Equal("end trace...", nettrace.Stdout.Last(l => l.Length > 0));
    }

    [RootFact]
    public void TraceFree_EndsTheLifecycleAtTheReceive_AndTraceExcludeLeavesOut()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp,
            "--trace-free", "__netif_receive_skb_core", "--trace-exclude", "dev_hard_start_xmit");

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        Assert.True(nettrace.WaitForLine($@"{Receive} {Request(net)}", EventTimeout), nettrace.Describe());
        nettrace.Stop("TERM");
        var context = RequestContext(nettrace, net);
        Assert.Matches(Receive, context[^1]);
        Assert.DoesNotContain(context, l => l.Contains("[consume_skb", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\[(dev_hard_start_xmit|net_dev_start_xmit)\s*\]", string.Join('\n', nettrace.Stdout));
        Assert.Equal("end trace...", nettrace.Stdout.Last(l => l.Length > 0));
    }

    [RootFact]
    public void RateLimit_HoldsBackInTheKernelAndCountsIt()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--basic", "-p", "icmp", "--saddr", net.ClientIp, "--rate-limit", "5");

        net.In(net.Client, $"ping -f -c 500 -W 2 {net.ServerIp}", check: false);
        nettrace.Stop();

        var summary = Regex.Match(nettrace.Stderr, @"nettrace: (\d+) events, (\d+) printed, \d+ lost, (\d+) held back by --rate-limit");
        Assert.True(summary.Success, nettrace.Describe());
        long printed = long.Parse(summary.Groups[2].Value), held = long.Parse(summary.Groups[3].Value);
        // Every request is hit at least once (by the receive tracepoint); the bucket let a few through.
        Assert.True(printed + held >= 500, nettrace.Describe());
        Assert.InRange(printed, 1, 499);
        Assert.Equal(printed, nettrace.Stdout.Count(l => l.Contains("ICMP:", StringComparison.Ordinal)));
    }

    [RootFact]
    public void TinyShow_OnlyTheFirstHitCarriesThePacket()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp, "--tiny-show", "-c", "1");

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var context = RequestContext(nettrace, net);
        Assert.Matches(Request(net), context[0]);
        Assert.True(context.Count > 1, nettrace.Describe());
        Assert.All(context.Skip(1), l => Assert.Matches(@"^\[\d+\.\d{6}\] \[\S+\s*\]$", l));
    }
}
