using System.Globalization;
using System.Text.Json;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Monitor;

/// <summary>
/// --monitor with --metrics on this kernel: drops, resets and retransmits driven in a namespace pair move the
/// Prometheus counters, a real Prometheus server scrapes them, and clean traffic prints nothing.
/// </summary>
public sealed class MonitorModeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private static int Port(int offset) => 19000 + Environment.ProcessId % 500 * 2 + offset;

    /// <summary>Three refused connections and one connection whose SYNs an iptables rule drops (retransmitted).</summary>
    private static void DriveFaults(NetnsPair net, int closed, int filtered)
    {
        net.In(net.Server, $"iptables -A INPUT -p tcp --dport {filtered} -j DROP");
        for (int i = 0; i < 3; i++)
            net.Connect(net.ServerIp, closed);
        net.In(net.Client, $"timeout 2.5 bash -c 'exec 3<>/dev/tcp/{net.ServerIp}/{filtered}' 2>/dev/null", check: false);
    }

    private static double Metric(string exposition, string series) =>
        exposition.Split('\n').Where(l => l.StartsWith(series, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [RootFact]
    public void Monitor_Faults_PrintedAndCountedByReason()
    {
        using var net = new NetnsPair();
        int metrics = Port(0), closed = Port(1) % 1000 + 20000, filtered = closed + 1;
        using var nettrace = NettraceProcess.StartTracing("--monitor", "--metrics", $"127.0.0.1:{metrics}", "--netns", net.Inode(net.Server).ToString());

        DriveFaults(net, closed, filtered);

        string syn = $@"TCP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{closed} seq:\d+, ack:0, flags:S";
        Assert.True(nettrace.WaitForLine($@"^\[\d+\.\d{{6}}\] \[kfree_skb\s*\] {syn}, reason: NO_SOCKET, tcp_v4_rcv\+0x[0-9a-f]+$", EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine($@"\[tcp_send_reset\s*\] TCP: {Pattern.Esc(net.ServerIp)}:{closed} -> ", EventTimeout), nettrace.Describe());
        string text = Http.GetStringAsync($"http://127.0.0.1:{metrics}/metrics").GetAwaiter().GetResult();
        Assert.True(Metric(text, "nettrace_drops_total{reason=\"NO_SOCKET\",location=\"tcp_v4_rcv\"}") >= 3, text);
        Assert.True(Metric(text, "nettrace_drops_total{reason=\"NETFILTER_DROP\"") >= 1, text);
        Assert.True(Metric(text, "nettrace_tcp_resets_total{direction=\"sent\"") >= 3, text);
        Assert.True(Metric(text, "nettrace_events_total") >= 6, text);
        Assert.Contains("nettrace_trace_attached{group=\"drop\",trace=\"kfree_skb\"} 1", text);
        // A kernel function on this kprobe-less host: left out, and said so as a 0 series an alert can watch.
        Assert.Contains("nettrace_trace_attached{group=\"sock\",trace=\"tcp_retransmit_timer\"} 0", text);
        Assert.Contains("nettrace_lost_events 0", text);
    }

    [RootFact]
    public void Monitor_Retransmits_Counted()
    {
        using var net = new NetnsPair();
        int metrics = Port(2), filtered = Port(3) % 1000 + 22000;
        using var nettrace = NettraceProcess.StartTracing("--monitor", "--metrics", $"127.0.0.1:{metrics}");

        net.In(net.Server, $"iptables -A INPUT -p tcp --dport {filtered} -j DROP");
        net.In(net.Client, $"timeout 2.5 bash -c 'exec 3<>/dev/tcp/{net.ServerIp}/{filtered}' 2>/dev/null", check: false);

        Assert.True(nettrace.WaitForLine($@"\[tcp_retransmit_skb\s*\] TCP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{filtered} SYN_SENT", EventTimeout),
            nettrace.Describe());
        string text = Http.GetStringAsync($"http://127.0.0.1:{metrics}/metrics").GetAwaiter().GetResult();
        Assert.True(Metric(text, "nettrace_tcp_retransmits_total{trace=\"tcp_retransmit_skb\"}") >= 1, text);
    }

    [RootFact]
    public void Monitor_CleanTraffic_PrintsNothing()
    {
        using var net = new NetnsPair();
        // IPv4 only: a fresh namespace's IPv6 neighbour discovery has drops of its own.
        using var nettrace = NettraceProcess.StartTracing("--monitor", "-p", "icmp", "--netns", net.Inode(net.Server).ToString());

        net.In(net.Client, $"ping -c 3 -i 0.2 -W 2 {net.ServerIp}", check: false);
        Thread.Sleep(1000);
        nettrace.Stop();

        Assert.Equal(0, nettrace.ExitCode);
        Assert.Equal(["begin trace...", "end trace..."], nettrace.Stdout);
    }

    [RootFact]
    public void Monitor_PrometheusServer_QueriesTheDropCount()
    {
        if (!File.Exists(PrometheusServer.Binary))
        {
            Assert.False(Capabilities.IsCi, "Debian's prometheus package is missing; ./test.sh installs it");
            return;
        }
        using var net = new NetnsPair();
        int metrics = Port(4), web = Port(5), closed = Port(6) % 1000 + 24000;
        using var nettrace = NettraceProcess.StartTracing("--monitor", "--metrics", $"127.0.0.1:{metrics}", "--netns", net.Inode(net.Server).ToString());
        using var prometheus = new PrometheusServer(web, $"127.0.0.1:{metrics}");

        for (int i = 0; i < 3; i++)
            net.Connect(net.ServerIp, closed);

        const string query = "sum(nettrace_drops_total{reason=\"NO_SOCKET\"})";
        PrometheusServer.WaitUntil(() => prometheus.Value(query) >= 3, TimeSpan.FromSeconds(60));
        double seen = prometheus.Value(query);
        Assert.True(seen == 3, $"PromQL saw {seen} NO_SOCKET drops\n{nettrace.Describe()}");
    }
}
