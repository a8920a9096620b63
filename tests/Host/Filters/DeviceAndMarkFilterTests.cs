using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Filters;

/// <summary>
/// --ifname and --mark on the real kernel: the skb's device and skb->mark, tested in the kernel. Each test sends the
/// packet the filter must leave out first and the one it must keep last, so once the kept one shows, the other
/// would have shown before it.
/// </summary>
public sealed class DeviceAndMarkFilterTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void IfName_KeepsTheDropsOnThatDevice()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9999", "--ifname", "lo");

        net.Connect(net.ServerIp, 9999); // dropped on the server's veth
        net.In(net.Server, "timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/9999' 2>/dev/null", check: false); // on lo
        Assert.True(nettrace.WaitForLine(@"TCP: 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:9999 .*reason: NO_SOCKET", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains(net.ServerIp + ":9999", StringComparison.Ordinal));
    }

    [RootFact]
    public void IfName_OfTheServersVeth_KeepsItsDrop()
    {
        using var net = new NetnsPair();
        string serverDevice = "vs" + net.ClientDevice[2..];
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--dport", "9999", "--ifname", serverDevice);

        net.Connect(net.ServerIp, 9999);

        Assert.True(nettrace.WaitForLine($@"-> {Pattern.Esc(net.ServerIp)}:9999 .*reason: NO_SOCKET", EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Mark_KeepsTheMarkedPacketsOnly()
    {
        using var net = new NetnsPair();
        net.In(net.Server, "iptables -t mangle -A PREROUTING -p tcp --dport 9999 -j MARK --set-mark 0x1234");
        using var nettrace = NettraceProcess.StartTracing("--drop", "-p", "tcp", "--mark", "0x34/0xff", "--saddr", net.ClientIp);

        net.Connect(net.ServerIp, 9998); // unmarked
        net.Connect(net.ServerIp, 9999);
        Assert.True(nettrace.WaitForLine($@"-> {Pattern.Esc(net.ServerIp)}:9999 .*reason: NO_SOCKET", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains(":9998 ", StringComparison.Ordinal));
    }

    [RootFact]
    public void Mark_InReplay_KeepsTheRecordsOfMarkedPackets_AndADropRecordingSaysItHasNone()
    {
        string lifecycle = Path.Combine(Path.GetTempPath(), $"nt-mark-{Guid.NewGuid():N}.ntrec");
        string drops = Path.ChangeExtension(lifecycle, ".drop.ntrec");
        try
        {
            using (var net = new NetnsPair())
            {
                net.In(net.Server, "iptables -t mangle -A PREROUTING -p tcp --dport 9999 -j MARK --set-mark 0x1234");
                using var nettrace = NettraceProcess.StartTracing("--basic", "-p", "tcp", "--saddr", net.ClientIp, "--record", lifecycle);
                net.Connect(net.ServerIp, 9998);
                net.Connect(net.ServerIp, 9999);
                Assert.True(nettrace.WaitForLine(@":9999 seq:", EventTimeout), nettrace.Describe());
                nettrace.Stop();
                nettrace.WaitForExitCode(EventTimeout);
                using var drop = NettraceProcess.StartTracing("--drop", "-c", "1", "-p", "tcp", "--saddr", net.ClientIp, "--record", drops);
                net.Connect(net.ServerIp, 9997);
                Assert.Equal(0, drop.WaitForExitCode(EventTimeout));
            }

            using var marked = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "replay", lifecycle, "--mark", "0x34/0xff");
            Assert.True(marked.ExitCode == 0, marked.Describe());
            Assert.Contains(marked.Stdout, l => l.Contains(":9999 seq:", StringComparison.Ordinal));
            Assert.DoesNotContain(marked.Stdout, l => l.Contains(":9998 seq:", StringComparison.Ordinal));
            using var none = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "replay", drops, "--mark", "0x34");
            Assert.Equal(2, none.ExitCode);
            Assert.Contains("carry no mark", none.Stderr);
        }
        finally
        {
            File.Delete(lifecycle);
            File.Delete(drops);
        }
    }
}
