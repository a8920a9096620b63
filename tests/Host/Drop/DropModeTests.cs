using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Drop;

/// <summary>`nettrace --drop` on the real kernel, with packets dropped in network namespaces.</summary>
public sealed class DropModeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void Drop_SynToClosedPort_ReportsNoSocketAtTcpV4Rcv()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9999", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9999);

        string expected = $@"^\[\d+\.\d{{6}}\] TCP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:9999 seq:\d+, ack:0, flags:S, reason: NO_SOCKET, tcp_v4_rcv\+0x[0-9a-f]+$";
        Assert.True(nettrace.WaitForLine(expected, EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Drop_Ipv6SynToClosedPort_ReportsNoSocketAtTcpV6Rcv()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9999", "--daddr", net.ServerIp6);

        net.Connect(net.ServerIp6, 9999);

        string expected = $@"TCP: \[{Pattern.Esc(net.ClientIp6)}\]:\d+ -> \[{Pattern.Esc(net.ServerIp6)}\]:9999 seq:\d+, ack:0, flags:S, reason: NO_SOCKET, tcp_v6_rcv\+0x[0-9a-f]+$";
        Assert.True(nettrace.WaitForLine(expected, EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Drop_IptablesDropRule_ReportsNetfilterDropAtTheHook()
    {
        using var net = new NetnsPair();
        net.In(net.Server, "iptables -A INPUT -p tcp --dport 9998 -j DROP");
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9998");

        net.Connect(net.ServerIp, 9998);

        Assert.True(nettrace.WaitForLine(@"flags:S, reason: NETFILTER_DROP, (nf_hook_slow|nft_do_chain|ipt_do_table)\+0x[0-9a-f]+$", EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Drop_NftDropRule_ReportsNetfilterDropAtTheHook()
    {
        using var net = new NetnsPair();
        net.In(net.Server, "nft add table inet nt_test && nft add chain inet nt_test input '{ type filter hook input priority 0; }' && nft add rule inet nt_test input tcp dport 9997 drop");
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9997");

        net.Connect(net.ServerIp, 9997);

        Assert.True(nettrace.WaitForLine($@"-> {Pattern.Esc(net.ServerIp)}:9997 .*reason: NETFILTER_DROP, (nf_hook_slow|nft_do_chain|ipt_do_table)\+0x[0-9a-f]+$", EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Drop_PortFilter_HidesOtherPortsInTheKernel()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9999", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9996); // dropped too, but outside the filter
        net.Connect(net.ServerIp, 9999); // the barrier: once it shows, 9996 would have shown before it
        Assert.True(nettrace.WaitForLine(":9999 seq:", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains(":9996 ", StringComparison.Ordinal));
        Assert.All(nettrace.Stdout.Skip(1).SkipLast(1), l => Assert.Contains($"TCP: {net.ClientIp}:", l));
        Assert.Equal("end trace...", nettrace.Stdout[^1]);
    }

    [RootFact]
    public void Drop_NetnsFilter_ShowsOnlyThatNamespace()
    {
        using var watched = new NetnsPair();
        using var other = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9999", "--netns", watched.Inode(watched.Server).ToString());

        other.Connect(other.ServerIp, 9999);
        watched.Connect(watched.ServerIp, 9999);
        Assert.True(nettrace.WaitForLine($"-> {Pattern.Esc(watched.ServerIp)}:9999", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains($"-> {other.ServerIp}:", StringComparison.Ordinal));
    }

    [RootFact]
    public void Drop_Count_ExitsAfterThatManyEvents()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9999", "-c", "1");

        net.Connect(net.ServerIp, 9999);
        net.Connect(net.ServerIp, 9999);

        Assert.True(nettrace.WaitForExitCode(EventTimeout) == 0, nettrace.Describe());
        Assert.Single(nettrace.Stdout, l => l.Contains("reason: NO_SOCKET", StringComparison.Ordinal));
        Assert.Contains("1 events, 0 lost", nettrace.Stderr);
    }

    [RootFact]
    public void Drop_DropStack_PrintsTheKernelCallStack()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "--drop-stack", "-p", "tcp", "--dport", "9999", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9999);

        Assert.True(nettrace.WaitForLine(@"^    -> tcp_v4_rcv\+0x[0-9a-f]+ \[ffffffff[0-9a-f]{8}\]$", EventTimeout), nettrace.Describe());
        Assert.Contains("Call Stack:", nettrace.Stdout);
    }

    [RootFact]
    public void Drop_Detail_PrintsSkbCpuInterfaceAndProcess()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "--detail", "-p", "tcp", "--dport", "9999", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9999);

        Assert.True(nettrace.WaitForLine(@"^\[\d+\.\d{6}\] \[[0-9a-f]+\]\[cpu:\d+ *\]\[vs\w+ *\]\[pid:\d+ *\]\[[^\]]*\]\[ns:\d+\] TCP: ", EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Drop_Date_PrintsWallClockTimestamps()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "--date", "-p", "tcp", "--dport", "9999", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9999);

        string today = DateTime.Now.ToString("yyyy-MM-dd");
        Assert.True(nettrace.WaitForLine($@"^\[{today} \d\d:\d\d:\d\d\.\d{{6}}\] TCP: ", EventTimeout), nettrace.Describe());
    }
}
