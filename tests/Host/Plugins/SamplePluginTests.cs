using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Plugins;

/// <summary>
/// The third-party plugin sample (docs/plugins.md) end to end: built out of tree by its build.sh, listed by -t ?,
/// its own BPF object attached to udp:udp_fail_queue_rcv_skb and its renderer's line printed for datagrams a UDP
/// socket with a tiny receive buffer could not queue, on its own and in --monitor with its metric served by
/// --metrics, and its rules accepted and applied by --diag.
/// </summary>
public sealed class SamplePluginTests(SamplePluginBuild sample) : IClassFixture<SamplePluginBuild>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void TraceTree_SamplePlugin_ListsItsGroupAndHowItAttaches()
    {
        using var run = NettraceProcess.RunToExit(Limit, "--plugins", sample.Directory, "-t", "?");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Stdout, l => l.StartsWith("udp-drops: UDP datagrams a socket could not queue", StringComparison.Ordinal));
        Assert.Contains(run.Stdout, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+udp_fail_queue_rcv_skb\s+(tp_btf|raw_tp) udp_fail_queue_rcv_skb"));
    }

    [RootFact]
    public void Trace_FloodedTinyReceiveBuffer_PrintsTheSampleRendererLine()
    {
        using var net = new NetnsPair();
        const int port = 15021;
        using var nettrace = NettraceProcess.StartTracing("--plugins", sample.Directory, "-t", "udp-drops",
            "-p", "udp", "--dport", port.ToString(), "--saddr", net.ClientIp);

        FloodUnreadSocket(net, port);

        string line = $@"^\[\d+\.\d{{6}}\] UDP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{port}, " +
                      @"rc: -ENOMEM \(receive buffer full\), rcvbuf: \d+, queued: \d+, truesize: \d+$";
        Assert.True(nettrace.WaitForLine(line, EventTimeout), nettrace.Describe());
        nettrace.Stop();
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        Assert.Matches(@"nettrace: [1-9]\d* events, 0 lost", nettrace.Stderr);
    }

    [RootFact]
    public void Diag_FloodedTinyReceiveBuffer_SampleRuleMarksTheDrop()
    {
        using var net = new NetnsPair();
        const int port = 15022;
        using var nettrace = NettraceProcess.StartTracing("--plugins", sample.Directory, "--diag",
            "-p", "udp", "--dport", port.ToString(), "--saddr", net.ClientIp);

        FloodUnreadSocket(net, port);

        Assert.True(nettrace.WaitForLine(@"\[kfree_skb\s*\] UDP: .* \*nettrace -t udp-drops shows the socket's rcvbuf and queued bytes", EventTimeout),
            nettrace.Describe());
    }

    [RootFact]
    public void MonitorWithMetrics_FloodedTinyReceiveBuffer_PrintsTheSampleLineAndCountsItsMetric()
    {
        using var net = new NetnsPair();
        const int port = 15023;
        int metrics = 18000 + Environment.ProcessId % 500 * 2;
        // Nothing in nettrace names the sample: it joins --monitor and --metrics by declaring it does.
        using var nettrace = NettraceProcess.StartTracing("--plugins", sample.Directory, "--monitor", "--metrics", $"127.0.0.1:{metrics}",
            "-p", "udp", "--dport", port.ToString(), "--netns", net.Inode(net.Server).ToString());

        FloodUnreadSocket(net, port);

        string line = $@"^\[\d+\.\d{{6}}\] \[udp_fail_queue_rcv_skb\] UDP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{port}, " +
                      @"rc: -ENOMEM \(receive buffer full\), rcvbuf: \d+, queued: \d+, truesize: \d+$";
        Assert.True(nettrace.WaitForLine(line, EventTimeout), nettrace.Describe());
        string text = Scrape(metrics, "contoso_udp_drops_total{errno=\"ENOMEM\"}");
        Assert.True(Metric(text, "contoso_udp_drops_total{errno=\"ENOMEM\"}") >= 1, text);
        Assert.Contains("# HELP contoso_udp_drops_total UDP datagrams a socket could not queue", text);
        Assert.Contains("nettrace_trace_attached{group=\"udp-drops\",trace=\"udp_fail_queue_rcv_skb\"} 1", text);
        Assert.True(Metric(text, "nettrace_events_total{group=\"udp-drops\"}") >= 1, text);
    }

    [Fact]
    public void RulesCheck_SampleRules_NoErrors()
    {
        string rules = Path.Combine(SamplePluginBuild.SampleRoot, "rules", "udp-drops.rules");

        using var run = NettraceProcess.RunToExit(Limit, "rules", "check", rules);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^rules check: \d+ files, no errors$", run.Stdout[^1]);
    }

    /// <summary>The endpoint's exposition once <paramref name="series"/> is in it (events reach the counters at the next poll).</summary>
    private static string Scrape(int port, string series)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string text = "";
        for (int i = 0; i < 20 && !text.Contains(series, StringComparison.Ordinal); i++)
        {
            if (i > 0)
                Thread.Sleep(250);
            text = http.GetStringAsync($"http://127.0.0.1:{port}/metrics").GetAwaiter().GetResult();
        }
        return text;
    }

    private static double Metric(string exposition, string series) =>
        exposition.Split('\n').Where(l => l.StartsWith(series, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A UDP socket in the server namespace with the smallest receive buffer that nobody reads: socat binds it, then
    /// blocks opening a FIFO no one opens for reading. Every datagram after the first finds the buffer full.
    /// </summary>
    private static void FloodUnreadSocket(NetnsPair net, int port)
    {
        string fifo = Path.Combine(Path.GetTempPath(), $"nt-udpd-{Environment.ProcessId}-{port}.fifo");
        try
        {
            net.In(net.Server, $"rm -f {fifo} && mkfifo {fifo} && " +
                               $"(timeout 20 socat -u UDP-RECV:{port},bind={net.ServerIp},rcvbuf=1 OPEN:{fifo} >/dev/null 2>&1 &)");
            net.In(net.Server, $"for i in $(seq 50); do ss -Hlun sport = :{port} | grep -q . && exit 0; sleep 0.1; done; exit 1");
            net.In(net.Client, $"for i in $(seq 20); do printf %1000s > /dev/udp/{net.ServerIp}/{port}; done", check: false);
        }
        finally
        {
            File.Delete(fifo);
        }
    }
}
