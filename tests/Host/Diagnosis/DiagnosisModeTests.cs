using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Diagnosis;

/// <summary>
/// --diag on this kernel: the kfree_skb tracepoint carries the drop reason and location, so a SYN to a closed
/// port in a namespace is diagnosed here (the netfilter and kprobe-based diagnoses run in the VM tier).
/// </summary>
public sealed class DiagnosisModeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void Diag_ClosedPort_NamesTheDropAndAdviceThenEndsByItself()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--diag", "-p", "tcp", "--saddr", net.ClientIp, "--dport", "9996");

        net.Connect(net.ServerIp, 9996);

        // The first ERROR ends the diagnosis: nettrace exits on its own.
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var lines = nettrace.Stdout.ToList();
        string syn = $@"TCP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:9996 seq:\d+, ack:0, flags:S";
        Assert.Contains(lines, l => Regex.IsMatch(l, $@"^\[\d+\.\d{{6}}\] \[kfree_skb\s*\] {syn} \*packet is dropped by kernel\*"));
        AssertInOrder(lines, nettrace,
            "---------------- ANALYSIS RESULT ---------------------",
            "[1] ERROR happens in kfree_skb(life):",
            "        packet is dropped by kernel",
            "    location:",
            "    drop reason:",
            "        NO_SOCKET",
            "    fix advice:",
            "analysis finished!",
            "",
            "end trace...");
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^        tcp_v[46]_rcv\+0x[0-9a-f]+$"));
    }

    /// <summary>
    /// A team's rule on skb->mark, read at every hit: the client's firewall marks the datagram, the mark is seen at
    /// its transmit, and gone after it crosses into the server's namespace (the kernel scrubs it there).
    /// </summary>
    [RootFact]
    public void Diag_TeamRuleOnMark_SeesTheMarkWhereItIsSet()
    {
        using var net = new NetnsPair();
        string dir = Path.Combine(Path.GetTempPath(), $"nt-{Environment.ProcessId}-mark-rules");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "mark.rules"), """
                rule team_marked on __dev_queue_xmit when mark == 0x2a
                  warn "marked {mark} on the way out"
                rule team_unmarked_drop on kfree_skb when mark == 0
                  info "no mark left at the drop"
                """);
            net.In(net.Client, "nft 'add table ip m' && nft 'add chain ip m o { type filter hook output priority 0; }'"
                + " && nft 'add rule ip m o udp dport 9913 meta mark set 0x2a'");
            using var nettrace = NettraceProcess.StartTracing("--diag", "--diag-keep", "--rules", dir,
                "-p", "udp", "--saddr", net.ClientIp, "--dport", "9913");

            net.SendUdp(net.ServerIp, 9913, "marked");

            Assert.True(nettrace.WaitForLine(@"^\[\d+\] WARNING happens in __dev_queue_xmit\(link-out\):$", EventTimeout), nettrace.Describe());
            Assert.True(nettrace.WaitForLine("^        marked 42 on the way out$", EventTimeout), nettrace.Describe());
            Assert.True(nettrace.WaitForLine(@"\[kfree_skb\s*\] .*\*no mark left at the drop\*", EventTimeout), nettrace.Describe());
            nettrace.Stop();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public void Diag_Keep_HealthyPing_SaysItIsAGoodPacket()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--diag", "--diag-keep", "-p", "icmp", "--saddr", net.ClientIp);

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        // The request is delivered and freed normally: no analysis to read, and the output says so.
        Assert.True(nettrace.WaitForLine("^this is a good packet!$", EventTimeout), nettrace.Describe());
        nettrace.Stop();
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var lines = nettrace.Stdout.ToList();
        int good = lines.IndexOf("this is a good packet!");
        Assert.Contains("ping request", lines[good - 1], StringComparison.Ordinal);
        Assert.DoesNotContain("---------------- ANALYSIS RESULT ---------------------", lines);
    }

    [RootFact]
    public void Diag_QuietAndKeep_PrintOnlyAbnormalContextsAndGoOn()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--diag", "--diag-quiet", "--diag-keep", "--saddr", net.ClientIp);

        // A normal ping (freed normally: not printed with --diag-quiet), then two refused connections.
        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);
        net.Connect(net.ServerIp, 9995);
        net.Connect(net.ServerIp, 9994);

        Assert.True(nettrace.WaitForLine(@"^\[\d+\] ERROR happens in kfree_skb\(life\):$", EventTimeout), nettrace.Describe());
        Assert.True(WaitForCount(nettrace, "---------------- ANALYSIS RESULT ---------------------", 2), nettrace.Describe());
        nettrace.Stop();
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var lines = nettrace.Stdout;
        Assert.DoesNotContain(lines, l => l.Contains("ping request", StringComparison.Ordinal));
        Assert.DoesNotContain("analysis finished!", lines);
        Assert.Contains(lines, l => l.Contains(":9994 ", StringComparison.Ordinal));
    }

    [RootFact]
    public void Diag_TeamRules_AddTheirFindings()
    {
        string dir = Directory.CreateTempSubdirectory("nt-team-rules").FullName;
        File.WriteAllText(Path.Combine(dir, "team.rules"),
            "rule team_closed_port on kfree_skb when reason == \"NO_SOCKET\" and flags == \"S\"\n" +
            "  error \"team: a client tried a port nobody serves\"\n  advice \"ask the service owner\"\n");
        try
        {
            using var net = new NetnsPair();
            using var nettrace = NettraceProcess.StartTracing("--diag", "--rules", dir, "-p", "tcp", "--saddr", net.ClientIp);

            net.Connect(net.ServerIp, 9993);

            Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
            Assert.Contains("        team: a client tried a port nobody serves", nettrace.Stdout);
            Assert.Contains("        ask the service owner", nettrace.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public void Diag_BrokenTeamRules_OneLineWithPositionAndNonZeroExit()
    {
        string dir = Directory.CreateTempSubdirectory("nt-bad-rules").FullName;
        File.WriteAllText(Path.Combine(dir, "bad.rules"), "rule broken on kfree_skb when colour == \"red\"\n  error \"x\"\n");
        try
        {
            using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "--diag", "--rules", dir);

            Assert.NotEqual(0, run.ExitCode);
            var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches(@"^nettrace: .*bad\.rules:1:\d+: error NTR\d{4}: unknown field 'colour'", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public void Diag_MissingRulesDirectory_OneLineAndNonZeroExit()
    {
        using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "--diag", "--rules", "/nonexistent/rules");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("nettrace: --rules /nonexistent/rules: no such directory", run.Stderr.Trim());
    }

    private static bool WaitForCount(NettraceProcess nettrace, string line, int count)
    {
        var deadline = DateTime.UtcNow + EventTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (nettrace.Stdout.Count(l => l == line) >= count)
                return true;
            Thread.Sleep(100);
        }
        return false;
    }

    private static void AssertInOrder(List<string> lines, NettraceProcess nettrace, params string[] expected)
    {
        int from = 0;
        foreach (string want in expected)
        {
            int at = lines.FindIndex(from, l => l == want);
            Assert.True(at >= 0, $"no line '{want}' after line {from}\n{nettrace.Describe()}");
            from = at + 1;
        }
    }
}
