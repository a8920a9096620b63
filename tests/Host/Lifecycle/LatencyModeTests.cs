using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>
/// --latency and --latency-summary on this kernel's tracepoints: the kernel follows each ping request from the
/// client's transmit to its free in the server and measures it there.
/// </summary>
public sealed class LatencyModeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void Latency_OneLinePerRequestWithItsSpan()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--latency", "-p", "icmp", "--saddr", net.ClientIp, "-c", "3");

        net.In(net.Client, $"ping -c 3 -i 0.2 -W 2 {net.ServerIp}", check: false);

        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var lines = nettrace.Stdout.Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(3, lines.Count);
        for (int seq = 1; seq <= 3; seq++)
        {
            Assert.Contains(lines, l => Regex.IsMatch(l,
                $@"^\[\d+\.\d{{6}}\] \[(consume_skb|kfree_skb)\s*\]\[__dev_queue_xmit -> \S+\s*\] ICMP: {Pattern.Esc(net.ClientIp)} -> {Pattern.Esc(net.ServerIp)} ping request, seq: {seq}, id: \d+ latency: \d+\.\d{{3}}ms$"));
        }
    }

    [RootFact]
    public void LatencyJson_OneObjectPerRequestWithItsSpanAndNanoseconds()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracingJson("--latency", "--json", "-p", "icmp", "--saddr", net.ClientIp, "-c", "2");

        net.In(net.Client, $"ping -c 2 -i 0.2 -W 2 {net.ServerIp}", check: false);

        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var objects = nettrace.Stdout.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, objects.Count);
        Assert.All(objects, o =>
        {
            Assert.Equal("__dev_queue_xmit", (string?)o["fields"]!["latency_from"]);
            // Without --latency-free the span ends at the last hit before the free, as the text line's does.
            Assert.Matches(@"^\S+$", (string?)o["fields"]!["latency_to"]);
            Assert.True((ulong)o["fields"]!["latency_ns"]! > 0);
        });
        // Nothing but JSON on stdout: "begin trace..." and "end trace..." went to stderr.
        Assert.All(nettrace.Stdout.Where(l => l.Length > 0), l => Assert.StartsWith("{", l));
    }

    [RootFact]
    public void LatencySummary_TheTotalIsThePacketsSent_AlsoAsAPrometheusHistogram()
    {
        using var net = new NetnsPair();
        int port = 21000 + Environment.ProcessId % 500;
        using var nettrace = NettraceProcess.StartTracing("--latency-summary", "-p", "icmp", "--saddr", net.ClientIp, "--metrics", $"127.0.0.1:{port}");

        net.In(net.Client, $"ping -c 5 -i 0.2 -W 2 {net.ServerIp}", check: false);

        Assert.True(nettrace.WaitForLine(@"^latency distribution: +5$", EventTimeout), nettrace.Describe());
        // The same counts as a Prometheus histogram: all five within its buckets.
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
        {
            string text = http.GetStringAsync($"http://127.0.0.1:{port}/metrics").GetAwaiter().GetResult();
            Assert.Contains("# TYPE nettrace_skb_latency_seconds histogram", text);
            Assert.Contains("nettrace_skb_latency_seconds_count 5", text);
            Assert.Contains("nettrace_skb_latency_seconds_bucket{le=\"+Inf\"} 5", text);
        }
        nettrace.Stop();
        var buckets = nettrace.Stdout.SkipWhile(l => !Regex.IsMatch(l, @"^latency distribution: +5$")).Skip(1)
            .TakeWhile(l => l.Contains("us: ", StringComparison.Ordinal)).ToList();
        Assert.Equal("                     0 -     1us", buckets[0][..32]);
        Assert.Equal(5, buckets.Sum(l => int.Parse(Regex.Match(l, @"us: (\d+) ").Groups[1].Value)));
        Assert.Matches(@"nettrace: 5 packets measured", nettrace.Stderr);
    }

    [RootFact]
    public void Latency_MinLatencyAboveEveryPing_PrintsNone()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--latency", "--min-latency", "10s", "-p", "icmp", "--saddr", net.ClientIp);

        net.In(net.Client, $"ping -c 3 -i 0.2 -W 2 {net.ServerIp}", check: false);
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains("ICMP:", StringComparison.Ordinal));
        Assert.Contains("0 events, 0 packets", nettrace.Stderr);
    }
}
