using System.Text.Json;
using NetTrace.Tests.Host.Harness;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Host.Monitor;

/// <summary>
/// deploy/grafana/nettrace-dashboard.json and deploy/prometheus/nettrace-alerts.yaml against the real thing: a
/// monitor exports the drops, resets and retransmits of a namespace pair, a real Prometheus scrapes it with the
/// alert rules loaded, and every panel's query returns data while every rule evaluates without error.
/// </summary>
public sealed class DashboardQueryTests
{
    private const string Dashboard = "deploy/grafana/nettrace-dashboard.json";
    private const string Alerts = "deploy/prometheus/nettrace-alerts.yaml";

    private static int Port(int offset) => 21000 + Environment.ProcessId % 500 * 2 + offset;

    /// <summary>Each panel target's query, with Grafana's variables as a dashboard showing every instance fills them.</summary>
    private static (string Panel, string Query)[] Queries()
    {
        using var doc = JsonDocument.Parse(RoffPage.Read(Dashboard));
        return doc.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (
                p.GetProperty("title").GetString()!,
                t.GetProperty("expr").GetString()!.Replace("$__rate_interval", "1m").Replace("$instance", ".*"))))
            .ToArray();
    }

    [Fact]
    public void Dashboard_EveryPanelWithAQuery_IsRead() =>
        Assert.True(Queries().Length >= 10, $"{Dashboard}: only {Queries().Length} queries found");

    [RootFact]
    public void Dashboard_EveryQuery_ReturnsDataFromARealMonitor()
    {
        Assert.True(File.Exists(PrometheusServer.Binary), "Debian's prometheus package is missing; ./test.sh installs it");
        using var net = new NetnsPair();
        int metrics = Port(0), web = Port(1), closed = Port(2) % 1000 + 26000, filtered = closed + 1;
        using var nettrace = NettraceProcess.StartTracing("--monitor", "--metrics", $"127.0.0.1:{metrics}");
        using var prometheus = new PrometheusServer(web, $"127.0.0.1:{metrics}", RoffPage.PathOf(Alerts));

        // Refused connections (NO_SOCKET drops, resets sent and received) and SYNs a firewall drops (retransmits),
        // twice: a series appears at its first count, so the second round is what makes its rate move.
        net.In(net.Server, $"iptables -A INPUT -p tcp --dport {filtered} -j DROP");
        Assert.True(PrometheusServer.WaitUntil(() => prometheus.Value("up{job=\"nettrace\"}") == 1, TimeSpan.FromSeconds(60)),
            "Prometheus never scraped nettrace\n" + nettrace.Describe());
        string[] moving = ["nettrace_drops_total{reason=\"NO_SOCKET\"}", "nettrace_tcp_retransmits_total{trace=\"tcp_retransmit_skb\"}"];
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 3; i++)
                net.Connect(net.ServerIp, closed);
            net.In(net.Client, $"timeout 2.5 bash -c 'exec 3<>/dev/tcp/{net.ServerIp}/{filtered}' 2>/dev/null", check: false);
            bool scraped = PrometheusServer.WaitUntil(() => moving.All(m => prometheus.Query($"count_over_time({m}[1m]) >= 2").Length > 0),
                TimeSpan.FromSeconds(60));
            Assert.True(scraped, "Prometheus never scraped the drops and retransmits\n" + nettrace.Describe());
        }
        Assert.True(PrometheusServer.WaitUntil(() => moving.All(m => prometheus.Query($"rate({m}[1m]) > 0").Length > 0), TimeSpan.FromSeconds(30)),
            "the drops' and retransmits' rates never moved\n" + nettrace.Describe());

        var empty = Queries().Where(q => prometheus.Query(q.Query).Length == 0).Select(q => $"{q.Panel}: {q.Query}").ToArray();
        Assert.True(empty.Length == 0, "queries that returned nothing:\n" + string.Join("\n", empty));

        var rules = prometheus.Rules();
        Assert.NotEmpty(rules);
        var broken = rules.Where(r => r.Health != "ok" && r.Health != "unknown").Select(r => $"{r.Name}: {r.Health} {r.Error}").ToArray();
        Assert.True(broken.Length == 0, "rules that failed to evaluate:\n" + string.Join("\n", broken));
    }
}
