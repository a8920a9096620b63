using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Security;

/// <summary>
/// Bad invocations and inputs against the real binary: each gives exactly one "nettrace: ..." line on stderr,
/// the documented exit code (2: usage or configuration, 1: the kernel or the system refused; docs/exit-codes.md)
/// and never a stack trace.
/// </summary>
public sealed class BadInputTests
{
    private const int Usage = 2, Runtime = 1;

    public static TheoryData<int, string, string[]> Cases => new()
    {
        { Usage, "invalid address '1.2.3' for --saddr", ["-s", "1.2.3"] },
        { Usage, "invalid address '::g' for --daddr", ["-d", "::g"] },
        { Usage, "invalid address '999.1.1.1' for --addr", ["--addr", "999.1.1.1"] },
        { Usage, "--sport", ["-S", "70000"] },
        { Usage, "--dport", ["-D", "-1"] },
        { Usage, "--port", ["-P", "abc"] },
        { Usage, "--proto", ["-p", "foo"] },
        { Usage, "--tcp-flags", ["--tcp-flags", "XYZ"] },
        { Usage, "--pkt-len", ["--pkt-len", "10-5"] },
        { Usage, "--netns", ["--netns", "abc"] },
        { Usage, "--pid", ["--pid", "-5"] },
        { Usage, "--count", ["-c", "0"] },
        { Usage, "--count", ["-c", "abc"] },
        { Usage, "--min-latency", ["--min-latency", "x"] },
        { Usage, "--tcp-rtt", ["--sock", "--tcp-rtt", "-1"] },
        { Usage, "--basic", ["--basic", "--sock"] },
        { Usage, "--drop", ["--drop", "--monitor"] },
        { Usage, "--diag-quiet needs --diag", ["--diag-quiet"] },
        { Usage, "--hooks needs --diag", ["--hooks"] },
        { Usage, "--drop-stack needs --drop", ["--drop-stack"] },
        { Usage, "--tcp-rtt needs --sock or --monitor", ["--tcp-rtt", "5"] },
        { Usage, "--ret cannot be used with --drop", ["--drop", "--ret"] },
        { Usage, "--pkt-fixed needs lifecycle tracking", ["--basic", "--pkt-fixed"] },
        { Usage, "--netns and --netns-current cannot be used together", ["--netns", "1", "--netns-current"] },
        { Usage, "different address families", ["-s", "1.2.3.4", "-d", "::1"] },
        { Usage, "--dport cannot be used with --proto icmp", ["-p", "icmp", "--dport", "80"] },
        { Usage, "--tcp-flags cannot be used with --proto udp", ["-p", "udp", "--tcp-flags", "S"] },
        { Usage, "--tcp-flags cannot be used with --sock", ["--sock", "--tcp-flags", "S"] },
        { Usage, "--sock traces TCP sockets", ["--sock", "-p", "udp"] },
        { Usage, "--metrics needs --monitor, --drop, --latency-summary or --rtt", ["--metrics", "9464"] },
        { Usage, "invalid address 'host' for --metrics", ["--monitor", "--metrics", "host:1"] },
        { Usage, "--pcap cannot be used with --sock", ["--sock", "--pcap", "/tmp/nt-x.pcapng"] },
        { Usage, "--unknown-option", ["--unknown-option"] },
        { Usage, "unknown trace or group 'nope'", ["-t", "nope"] },
        { Usage, "unknown trace or group 'nope'", ["-t", "ip-in,nope"] },
        { Usage, "unknown trace or group 'nope'", ["--trace-stack", "nope"] },
        { Usage, "unknown sock trace 'tcp_nope'", ["--sock", "-t", "tcp_nope"] },
        { Usage, "--rules /nonexistent/rules: no such directory", ["--diag", "--rules", "/nonexistent/rules"] },
        { Usage, "plugin folder '/nonexistent/plugins' does not exist", ["--plugins", "/nonexistent/plugins", "--drop"] },
        { Usage, "--output /nonexistent/dir/out.txt", ["--drop", "--output", "/nonexistent/dir/out.txt"] },
        { Usage, "--pcap /nonexistent/dir/x.pcapng", ["--drop", "--pcap", "/nonexistent/dir/x.pcapng"] },
        { Usage, "foo", ["--drop", "foo"] },
        { Usage, "rules needs a subcommand: 'rules check'", ["rules"] },
    };

    [RootTheory]
    [MemberData(nameof(Cases))]
    public void BadInput_OneLineAndItsExitCode(int code, string says, string[] args)
    {
        using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), args);

        AssertOneLine(run, code, says);
    }

    [RootFact]
    public void FunctionMissingOrUnattachable_OneLine()
    {
        // This host has no kprobes and no tcp_data_queue_ofo: neither a kprobe nor a fallback can serve it.
        using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "-t", "tcp_data_queue_ofo");

        AssertOneLine(run, Usage, "none of the selected traces can be attached on this kernel");
    }

    [RootFact]
    public void SockTraceThatNeedsKprobes_OneLineWithTheCause()
    {
        // tcp_ack_update_rtt is a kernel function: without kprobes (this host) nothing of the request remains.
        using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "--sock", "-t", "tcp_ack_update_rtt");

        AssertOneLine(run, Usage, "none of the sock traces can be attached on this kernel (the kernel has no kprobe support)");
    }

    [RootFact]
    public void NoPrivileges_OneLine()
    {
        // Root's user id with every capability dropped: the kernel would refuse every BPF call.
        using var run = NettraceProcess.RunToExitUnder(TimeSpan.FromSeconds(60),
            ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "{nettrace}"], "--drop");

        AssertOneLine(run, Runtime, "needs root (or CAP_BPF with CAP_PERFMON)");
    }

    [RootFact]
    public void NoKernelBtf_OneLine()
    {
        // A private mount namespace where /sys/kernel/btf/vmlinux is an empty file: a kernel without BTF.
        string empty = Path.GetTempFileName();
        try
        {
            using var run = NettraceProcess.RunToExitUnder(TimeSpan.FromSeconds(60),
                ["unshare", "--mount", "sh", "-c", $"mount --bind {empty} /sys/kernel/btf/vmlinux && exec {{nettrace}} \"$@\"", "sh"], "-p", "icmp");

            AssertOneLine(run, Runtime, "nettrace needs /sys/kernel/btf/vmlinux");
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [RootFact]
    public void BrokenRulesFile_PositionInTheOneLine()
    {
        string dir = Directory.CreateTempSubdirectory("nt-bad").FullName;
        File.WriteAllText(Path.Combine(dir, "x.rules"), "rule x on kfree_skb when\n");
        try
        {
            using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "--diag", "--rules", dir);
            AssertOneLine(run, Usage, "x.rules:");
            Assert.Matches(@"x\.rules:\d+:\d+: error NTR0001", run.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public void BrokenPlugin_ReportedAndTheOthersStillLoad()
    {
        string dir = Directory.CreateTempSubdirectory("nt-broken").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "Broken"));
        File.WriteAllText(Path.Combine(dir, "Broken", "Broken.dll"), "not an assembly");
        try
        {
            using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "--plugins", dir, "-t", "?");

            Assert.Equal(0, run.ExitCode);
            Assert.Matches(@"^nettrace: plugin .*Broken\.dll skipped: ", run.Stderr.Split('\n')[0]);
            Assert.Contains(run.Stdout, l => l.Contains("kfree_skb", StringComparison.Ordinal)); // the built-in plugins are all there
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertOneLine(NettraceProcess run, int code, string says)
    {
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{run.Stderr}");
        Assert.StartsWith("nettrace: ", lines[0]);
        Assert.Contains(says, lines[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.Equal(code, run.ExitCode);
    }
}
