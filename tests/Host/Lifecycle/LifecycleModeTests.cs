using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>
/// The default (lifecycle) and --basic modes on this kernel. The host kernel has no kprobes, so
/// these exercise the tracepoint fallback: the packet's path as the net/skb tracepoints see it.
/// Where kprobes exist the function names appear instead, which the patterns allow.
/// </summary>
public sealed class LifecycleModeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private const string Header = @"^\*{17} [0-9a-f]{16}(,[0-9a-f]{16})* \*{15}$";
    private const string Ts = @"^\[\d+\.\d{6}\] ";

    private static string Hit(string point, string packet) => $@"{Ts}\[{point}\s*\] {packet}";

    [RootFact]
    public void Lifecycle_Ping_PrintsTheRequestPathInOneContextUntilFreed()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp, "--netns", net.Inode(net.Server).ToString());

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        string request = $@"ICMP: {Pattern.Esc(net.ClientIp)} -> {Pattern.Esc(net.ServerIp)} ping request, seq: 1, id: \d+";
        // A context prints once its skb is freed: its receive line appearing means the whole context did.
        Assert.True(nettrace.WaitForLine(Hit("(netif_receive_skb|__netif_receive_skb_core)", request), EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine(Hit("(consume_skb|kfree_skb)", request) + "$", EventTimeout), nettrace.Describe());
        var lines = nettrace.Stdout.ToList();
        int receive = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, Hit("(netif_receive_skb|__netif_receive_skb_core)", request)));
        int header = lines.FindLastIndex(receive, l => System.Text.RegularExpressions.Regex.IsMatch(l, Header));
        int freed = lines.FindIndex(receive, l => System.Text.RegularExpressions.Regex.IsMatch(l, Hit("(consume_skb|kfree_skb)", request) + "$"));
        int nextHeader = lines.FindIndex(receive, l => System.Text.RegularExpressions.Regex.IsMatch(l, Header));
        Assert.True(header >= 0 && freed > receive && (nextHeader < 0 || freed < nextHeader), nettrace.Describe());
        Assert.DoesNotContain(lines, l => l.Contains("ping reply", StringComparison.Ordinal));
    }

    [RootFact]
    public void Lifecycle_TracepointOnlyKernel_SaysWhatItLeftOut()
    {
        if (Capabilities.HasKprobes)
            return; // nothing is left out for want of kprobes there; the VM tier covers that kernel
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp");

        nettrace.Stop();
        nettrace.WaitForExitCode(TimeSpan.FromSeconds(10));
        Assert.Matches(@"nettrace: tracing \d+ of \d+ traces; left out \d+ \(the kernel has no kprobe support\)", nettrace.Stderr);
    }

    [RootFact]
    public void Basic_Ping_PrintsEveryHitWithoutContexts()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--basic", "-p", "icmp", "--addr", net.ServerIp, "--netns", net.Inode(net.Server).ToString());

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        string reply = $@"ICMP: {Pattern.Esc(net.ServerIp)} -> {Pattern.Esc(net.ClientIp)} ping reply, seq: 1, id: \d+";
        Assert.True(nettrace.WaitForLine(Hit("(net_dev_queue|__dev_queue_xmit)", reply), EventTimeout), nettrace.Describe());
        Assert.DoesNotContain(nettrace.Stdout, l => System.Text.RegularExpressions.Regex.IsMatch(l, Header));
    }

    [RootFact]
    public void Lifecycle_OtherProtocol_SeesNoneOfIt()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "udp", "--addr", net.ServerIp);

        net.In(net.Client, $"ping -c 2 -i 0.2 -W 2 {net.ServerIp}", check: false);
        nettrace.Stop();

        Assert.Equal(0, nettrace.WaitForExitCode(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains("ICMP", StringComparison.Ordinal));
    }

    [RootFact]
    public void Lifecycle_Count_StopsAfterThatManyPackets()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp, "-c", "1");

        net.In(net.Client, $"ping -c 3 -i 0.2 -W 2 {net.ServerIp}", check: false);

        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        Assert.Single(nettrace.Stdout, l => System.Text.RegularExpressions.Regex.IsMatch(l, Header));
    }

    [RootFact]
    public void Lifecycle_MinLatency_HidesPacketsThatLivedLessThanThat()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp, "--min-latency", "60000");

        net.In(net.Client, $"ping -c 2 -i 0.2 -W 2 {net.ServerIp}", check: false);
        nettrace.Stop();

        Assert.Matches(@"nettrace: [1-9]\d* events, 0 packets, 0 lost", nettrace.Stderr);
        Assert.DoesNotContain(nettrace.Stdout, l => System.Text.RegularExpressions.Regex.IsMatch(l, Header));
    }

    [RootFact]
    public void TraceTree_Query_ListsGroupsAndHowEachTraceAttaches()
    {
        using var nettrace = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "-t", "?");

        Assert.Equal(0, nettrace.ExitCode);
        var text = string.Join('\n', nettrace.Stdout);
        Assert.Contains("life: ", text);
        Assert.Matches(@"\n\s+consume_skb\s+raw_tp consume_skb", text);
        Assert.Matches(Capabilities.HasKprobes ? @"\n\s+ip_rcv\s+kprobe ip_rcv" : @"\n\s+ip_rcv\s+skipped: kprobe:ip_rcv: the kernel has no kprobe support", text);
        Assert.Matches(@"\d+ of \d+ traces can be attached on this kernel", text);
    }

    [RootFact]
    public void Lifecycle_UnknownTrace_OneLineAndExit2()
    {
        using var nettrace = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "-t", "ip_rvc");

        Assert.NotEqual(0, nettrace.ExitCode);
        Assert.Equal("nettrace: unknown trace or group 'ip_rvc' (nettrace -t ? lists them)", nettrace.Stderr.Trim());
    }
}
