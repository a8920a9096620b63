using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Incidents;

/// <summary>
/// `nettrace replay` and `nettrace diff` on recordings made by real sessions in a namespace pair: offline
/// re-filtering of a --drop recording, and the path difference between a delivered and a dropped ping.
/// </summary>
public sealed class ReplayTests : IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("nt-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [RootFact]
    public void Replay_DropRecording_RefiltersOffline()
    {
        using var net = new NetnsPair();
        int first = 24000 + Environment.ProcessId % 1000, second = first + 1;
        string recording = Path.Combine(_dir, "drops.ntrec");
        using (var nettrace = NettraceProcess.StartTracing("--drop", "--netns", net.Inode(net.Server).ToString(), "--record", recording))
        {
            net.Connect(net.ServerIp, first);
            net.Connect(net.ServerIp, second);
            Assert.True(nettrace.WaitForLine($@"-> {Pattern.Esc(net.ServerIp)}:{second} .*NO_SOCKET", EventTimeout), nettrace.Describe());
            nettrace.Stop();
        }

        using var all = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "replay", recording);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains(all.Stdout, l => l.Contains($":{first} ", StringComparison.Ordinal) && l.Contains("NO_SOCKET", StringComparison.Ordinal));
        Assert.Contains(all.Stdout, l => l.Contains($":{second} ", StringComparison.Ordinal));

        using var one = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "replay", recording, "--dport", second.ToString());
        Assert.Equal(0, one.ExitCode);
        Assert.NotEmpty(one.Stdout);
        Assert.All(one.Stdout, l => Assert.Contains($"{net.ServerIp}:{second} ", l));

        // A filter expression, run in user space over the recorded bytes by libpcap's own program.
        using var expression = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "replay", recording, "tcp and dst port", second.ToString());
        Assert.Equal(0, expression.ExitCode);
        Assert.NotEmpty(expression.Stdout);
        Assert.All(expression.Stdout, l => Assert.Contains($"{net.ServerIp}:{second} ", l));

        using var diag = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "replay", recording, "--diag");
        Assert.Equal(2, diag.ExitCode);
        Assert.Equal($"nettrace: --diag needs a recording of the packet path (default, --basic or --diag); {recording} was recorded with --drop", diag.Stderr.Trim());
    }

    [RootFact]
    public void Diff_DeliveredAndDroppedPing_DivergeAtTheDrop()
    {
        using var net = new NetnsPair();
        string good = Path.Combine(_dir, "good.ntrec"), bad = Path.Combine(_dir, "bad.ntrec");
        Record(net, good);
        net.In(net.Server, "iptables -A INPUT -p icmp -j DROP");
        Record(net, bad);

        using var diff = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "diff", good, bad);
        Assert.True(diff.ExitCode == 0, diff.Describe());
        Assert.Matches(@"^good: good\.ntrec#[0-9]+  ICMP: .* ping request", diff.Stdout[0]);
        Assert.True(diff.Stdout.Any(l => Regex.IsMatch(l, @"^  \+ +kfree_skb +reason NETFILTER_DROP +[0-9.]+$")), diff.Describe());
        Assert.True(diff.Stdout.Any(l => Regex.IsMatch(l, @"^the paths diverge after \S+ \(step [0-9]+ of (both|good, [0-9]+ of bad)\): good goes on to \S+, bad goes to kfree_skb$")), diff.Describe());

        using var json = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "diff", $"{bad}#1", good, "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(Assert.Single(json.Stdout));
        Assert.False(doc.RootElement.GetProperty("identical").GetBoolean());
        Assert.Contains(doc.RootElement.GetProperty("rows").EnumerateArray(),
            r => r.GetProperty("op").GetString() == "good" && r.GetProperty("good").GetProperty("name").GetString() == "kfree_skb");
    }

    /// <summary>Records one ping request's lifecycle (-c 1) from client to server.</summary>
    private static void Record(NetnsPair net, string file)
    {
        using var nettrace = NettraceProcess.StartTracing("-c", "1", "-p", "icmp", "--saddr", net.ClientIp, "--record", file);
        net.In(net.Client, $"ping -c 1 -W 1 {net.ServerIp}", check: false);
        Assert.True(nettrace.WaitForExitCode(EventTimeout) == 0, nettrace.Describe());
    }
}
