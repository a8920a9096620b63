using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Filters;

/// <summary>
/// `nettrace --drop EXPRESSION` on the real kernel: packets dropped between two namespaces, the expression deciding in
/// the kernel which are reported. The end summary counts what the ring buffer carried, so a packet the expression
/// refuses must not be counted there either (a filter in user space would count it).
/// </summary>
public sealed partial class FilterExpressionDropTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void TcpDstPort_CatchesThatPortOnly_InTheKernel()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--drop", "-v", $"tcp and dst port 9999 and src host {net.ClientIp}");

        net.Connect(net.ServerIp, 9996); // dropped too (no socket), but not what the expression names
        net.Connect(net.ServerIp, 9999);
        Assert.True(nettrace.WaitForLine($@"TCP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:9999 .*reason: NO_SOCKET", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains(":9996 ", StringComparison.Ordinal));
        Assert.Contains("drop: the filter expression runs in the kernel", nettrace.Stderr);
        Assert.Equal(nettrace.Stdout.Count(l => l.Contains(" reason: ", StringComparison.Ordinal)), CarriedEvents(nettrace));
    }

    [RootFact]
    public void NotIcmp_LeavesOutTheIcmpDrop()
    {
        using var net = new NetnsPair();
        net.In(net.Server, "iptables -A INPUT -p icmp -j DROP");
        using var nettrace = NettraceProcess.StartTracing("--drop", $"not icmp and host {net.ServerIp}");

        net.In(net.Client, $"ping -c 1 -W 1 {net.ServerIp}", check: false);
        net.Connect(net.ServerIp, 9999);
        Assert.True(nettrace.WaitForLine(@":9999 .*reason: NO_SOCKET", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains("ICMP", StringComparison.Ordinal));
    }

    [RootFact]
    public void NetAndUdp_CatchesTheUdpDropInThatNet_NotTheTcpOne()
    {
        using var net = new NetnsPair();
        string subnet = net.ServerIp[..net.ServerIp.LastIndexOf('.')] + ".0/24";
        using var nettrace = NettraceProcess.StartTracing("--drop", "net", subnet, "and", "udp");

        net.Connect(net.ServerIp, 9999);
        net.SendUdp(net.ServerIp, 9995, "hello");
        Assert.True(nettrace.WaitForLine($@"UDP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:9995, reason: NO_SOCKET", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains(":9999 ", StringComparison.Ordinal));
    }

    [RootFact]
    public void EtherSrc_CatchesTheDropsOfThatMac_OverTheFrameInTheKernel()
    {
        using var net = new NetnsPair();
        string serverDevice = "vs" + net.ClientDevice[2..];
        string clientMac = net.In(net.Client, $"cat /sys/class/net/{net.ClientDevice}/address").Trim();
        string serverMac = net.In(net.Server, $"cat /sys/class/net/{serverDevice}/address").Trim();
        // Only the link layer answers this: the kernel runs the expression's Ethernet program over each frame.
        using var nettrace = NettraceProcess.StartTracing("--drop", "-v", $"ether src {clientMac} and udp");

        net.In(net.Server, $"printf x > /dev/udp/{net.ClientIp}/9994", check: false); // the server's frame: another MAC
        net.SendUdp(net.ServerIp, 9995, "hello");
        Assert.True(nettrace.WaitForLine($@"UDP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:9995, reason: NO_SOCKET", EventTimeout), nettrace.Describe());
        nettrace.Stop();

        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains(":9994,", StringComparison.Ordinal));
        Assert.Contains("drop: the filter expression runs over Ethernet frames in the kernel", nettrace.Stderr);
        Assert.Equal(1, CarriedEvents(nettrace));
        Assert.NotEqual(clientMac, serverMac);
    }

    [RootFact]
    public void BadExpression_IsOneLineWithLibpcapsMessage_ExitTwo()
    {
        var run = NettraceProcess.RunToExit(EventTimeout, "--drop", "tcp", "and");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("nettrace: filter expression 'tcp and': can't parse filter expression: syntax error", run.Stderr.Trim());
    }

    /// <summary>The "N events" of the end summary: the records the ring buffer carried.</summary>
    private static int CarriedEvents(NettraceProcess nettrace) =>
        Summary().Match(nettrace.Stderr) is { Success: true } m ? int.Parse(m.Groups[1].Value) : throw new InvalidOperationException(nettrace.Describe());

    [GeneratedRegex(@"nettrace: (\d+) events")]
    private static partial Regex Summary();
}
