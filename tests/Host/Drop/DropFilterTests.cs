using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Drop;

/// <summary>Filters applied in the kernel program: what is outside them never reaches user space.</summary>
public sealed class DropFilterTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void Drop_UdpToClosedPort_ReportsNoSocket()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "udp", "--dport", "9995", "--saddr", net.ClientIp);

        net.SendUdp(net.ServerIp, 9995, "hello");

        Assert.True(nettrace.WaitForLine($@"^\[[\d.]+\] UDP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:9995, reason: NO_SOCKET, \S+\+0x[0-9a-f]+$", EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Drop_PacketLengthFilter_KeepsOnlyThatLength()
    {
        using var net = new NetnsPair();
        // 20 (IPv4) + 8 (UDP) + 1 byte of payload = 29; a SYN is at least 40.
        using var nettrace = NettraceProcess.StartTracing("--drop", "--pkt-len", "29", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9999);
        net.SendUdp(net.ServerIp, 9995, "x");
        Assert.True(nettrace.WaitForLine(":9995, reason: NO_SOCKET", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains("TCP:", StringComparison.Ordinal));
    }

    [RootFact]
    public void Drop_TcpFlagsFilter_HidesPacketsWithoutThoseFlags()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--tcp-flags", "R", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9999); // a SYN: no RST flag, filtered out
        net.In(net.Server, "iptables -A INPUT -p tcp --dport 9994 -j DROP");
        net.In(net.Client, "timeout 3 hping3 -q -c 1 -R -p 9994 " + net.ServerIp, check: false);
        Assert.True(nettrace.WaitForLine(":9994 seq:\\d+, ack:\\d+, flags:R, reason: NETFILTER_DROP", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains("flags:S,", StringComparison.Ordinal));
    }

    [RootFact]
    public void Drop_NetnsCurrent_ShowsOnlyTheNamespaceNettraceRunsIn()
    {
        using var watched = new NetnsPair();
        using var other = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracingIn(watched.Server, "--drop", "--netns-current", "-p", "tcp", "--dport", "9999");

        other.Connect(other.ServerIp, 9999);
        watched.Connect(watched.ServerIp, 9999);
        Assert.True(nettrace.WaitForLine($"-> {Pattern.Esc(watched.ServerIp)}:9999", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains($"-> {other.ServerIp}:", StringComparison.Ordinal));
    }

    [RootFact]
    public void Drop_PidFilter_HidesDropsInOtherProcesses()
    {
        using var net = new NetnsPair();
        // The SYN is dropped in the sending task's softirq (veth delivers in place), so the drop is
        // attributed to the process that connected.
        using var sender = System.Diagnostics.Process.Start("ip",
            ["netns", "exec", net.Client, "bash", "-c", $"trap 'exec 3<>/dev/tcp/{net.ServerIp}/9999; exit 0' USR1; sleep 30 & wait"]);
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--pid", sender.Id.ToString(), "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9998); // another process: filtered out
        Shell.Run($"kill -USR1 {sender.Id}", check: false); // the watched process connects now
        Assert.True(nettrace.WaitForLine(":9999 seq:", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains(":9998 ", StringComparison.Ordinal));
    }
}
