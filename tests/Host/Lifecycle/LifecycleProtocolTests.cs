using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>The lifecycle mode's packet lines for IPv6 and UDP, on the real kernel (tracepoints here).</summary>
public sealed class LifecycleProtocolTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void Lifecycle_Ping6_FollowsTheIpv6PacketUntilFreed()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp6", "--saddr", net.ClientIp6);

        net.In(net.Client, $"ping -6 -c 1 -W 2 {net.ServerIp6}", check: false);

        string request = $@"ICMPv6: {Regex.Escape(net.ClientIp6)} -> {Regex.Escape(net.ServerIp6)} ping request, seq: 1";
        // A context prints when its skb is freed, so its receive line appearing means the whole context did.
        Assert.True(nettrace.WaitForLine($@"\[(netif_receive_skb|__netif_receive_skb_core)\s*\] {request}", EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine($@"^\[\d+\.\d{{6}}\] \[(consume_skb|kfree_skb)\s*\] {request}", EventTimeout), nettrace.Describe());
    }

    [RootFact]
    public void Lifecycle_UdpDatagram_ShowsPortsAndIsFollowedToItsEnd()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-p", "udp", "--dport", "9911", "--saddr", net.ClientIp);

        net.SendUdp(net.ServerIp, 9911, "hello");

        // Nothing listens on 9911: the datagram ends in kfree_skb (the ICMP port-unreachable is not UDP).
        string datagram = $@"UDP: {Regex.Escape(net.ClientIp)}:\d+ -> {Regex.Escape(net.ServerIp)}:9911";
        Assert.True(nettrace.WaitForLine($@"^\[\d+\.\d{{6}}\] \[kfree_skb\s*\] {datagram}", EventTimeout), nettrace.Describe());
    }
}
