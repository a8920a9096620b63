using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Incidents;

/// <summary>
/// --monitor --arm on this kernel's tracepoints: an iptables drop in a namespace pair arms one incident for that
/// flow alone, diagnosed, and `nettrace replay` of its recording prints the same lifecycle and analysis.
/// </summary>
public sealed class ArmedMonitorTests : IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("nt-incidents-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [RootFact]
    public void Arm_FilteredPort_OneIncidentOfThatFlow_ReplayedIdentically()
    {
        using var net = new NetnsPair();
        int filtered = 23000 + Environment.ProcessId % 1000;
        net.In(net.Server, $"iptables -A INPUT -p tcp --dport {filtered} -j DROP");
        using var nettrace = NettraceProcess.StartTracing("--monitor", "--arm", "--arm-dir", _dir, "--arm-for", "20",
            "--netns", net.Inode(net.Server).ToString(), "--addr", net.ServerIp);

        // Clean traffic first: nothing to arm on. (--addr: a fresh namespace's IPv6 neighbour discovery has drops of its own.)
        net.In(net.Client, $"ping -c 2 -i 0.2 -W 2 {net.ServerIp}", check: false);
        // The first SYN is dropped and arms the capture; its retransmissions are traced.
        net.In(net.Client, $"timeout 8 bash -c 'exec 3<>/dev/tcp/{net.ServerIp}/{filtered}' 2>/dev/null", check: false);
        string flow = $@"TCP {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{filtered}";
        Assert.True(nettrace.WaitForLine($@"^nettrace: incident 1 ended \(the first abnormal packet was diagnosed\): 1 packet traced, ERROR ", EventTimeout),
            nettrace.Describe());
        nettrace.Stop();

        Assert.Contains(nettrace.Stdout, l => Regex.IsMatch(l, $@"^nettrace: incident 1: {flow} \(kfree_skb NETFILTER_DROP at nft_do_chain\+0x[0-9a-f]+\); tracing its lifecycle into "));
        Assert.DoesNotContain(nettrace.Stdout, l => l.StartsWith("nettrace: incident 2", StringComparison.Ordinal));
        Assert.Matches(@"nettrace: 1 incident recorded in .*, [0-9]+ repeats? of a recorded flow ignored", nettrace.Stderr);
        string incident = Assert.Single(Directory.GetDirectories(_dir));
        Assert.EndsWith($"-to-{net.ServerIp}_{filtered}", incident);
        string text = File.ReadAllText(Path.Combine(incident, "incident.txt"));
        Assert.Matches(@"(?m)^\*{17} [0-9a-f]+ \*+$", text);
        Assert.DoesNotMatch("ICMP", text);
        Assert.Matches(@"(?m)^        NETFILTER_DROP$", text);
        Assert.True(new FileInfo(Path.Combine(incident, "incident.pcapng")).Length > 0);

        using var replay = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "replay", Path.Combine(incident, "incident.ntrec"), "--detail", "--ret");
        Assert.Equal(0, replay.ExitCode);
        Assert.Matches(@"nettrace: replaying .*incident\.ntrec: diagnose mode recorded ", replay.Stderr);
        Assert.Equal(Lifecycles(text.Split('\n')), Lifecycles(replay.Stdout));
    }

    /// <summary>From the first lifecycle header to "analysis finished!": what the live capture and a replay share.</summary>
    private static List<string> Lifecycles(IEnumerable<string> lines)
    {
        var kept = lines.Select(l => l.TrimEnd('\r')).SkipWhile(l => !l.StartsWith("*****************", StringComparison.Ordinal)).ToList();
        int end = kept.IndexOf("analysis finished!");
        Assert.True(end > 0, "no analysis in:\n" + string.Join('\n', kept));
        return kept[..(end + 1)];
    }
}
