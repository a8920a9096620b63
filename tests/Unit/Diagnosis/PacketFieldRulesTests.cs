using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using NetTrace.Rules.Model;
using NetTrace.Tests.Unit.Catalogue;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// A team's rules on the packet's own fields, run on hits decoded from packet bytes as the host decodes them: the
/// addresses (CIDR), ports, protocol, length, TTL, ICMP type and code, netns, mark; and messages that name them.
/// </summary>
public sealed class PacketFieldRulesTests
{
    private const ulong Skb = 0xffff888100001000, DropSite = 0xffffffff81a00096;

    private static readonly DiagHits.Kernel Kernel = new(new() { [DropSite] = "tcp_v4_rcv+0x96" });

    private const string TeamRules = """
        # Our lab network: a SYN to a closed port from inside it is a deployment mistake, not an attack.
        rule lab_closed_port on kfree_skb
          when reason == "NO_SOCKET" and saddr in ("10.0.0.0/8", "fd00::/8") and proto == "tcp" and dport in (80, 443, 9999)
          error "{proto} from {saddr}:{sport} to {daddr}:{dport} found no listener (ttl {ttl}, {len} bytes)"
          advice "start the service on {daddr} port {dport}, or fix the client's port"

        rule ping_too_big on ip6_rcv_core when proto == "icmpv6" and icmp_type == 128 and icmp_code == 0 and len > 1000
          warn "a large ping ({len} bytes) from {saddr}"
        """;

    private static readonly RuleBook Rules = RuleBook.Compile(
        [.. CatalogueGroups.All.SelectMany(g => g.Rules), new RuleSource("team/lab.rules", TeamRules)],
        new RuleContext(
            [.. CatalogueGroups.All.SelectMany(g => g.Traces).Select(t => t.Name)],
            [.. CatalogueGroups.All.Select(g => g.Name)],
            RuleContext.DefaultFields),
        cacheDirectory: null);

    private static PacketInfo Syn(string source, string destination, ushort port) =>
        PacketParser.Parse(EtherTypes.IPv4, IPv4(IpProtocols.Tcp, source, destination, Tcp(40000, port, 1, 0, TcpFlags.SYN)));

    private static SkbTraceEvent Drop(PacketInfo packet, uint netns = 0)
    {
        var ev = At(1.000002m, Skb, "kfree_skb", "life", packet, aux0: DropSite, aux1: 2, free: true);
        var meta = ev.Meta;
        meta.Netns = netns;
        return new SkbTraceEvent(meta, packet, new SkbTraceRecord { Flags = ev.Flags, Aux0 = ev.Aux0, Aux1 = ev.Aux1, StackId = -1 },
            ev.Trace, ev.Group, ev.Point);
    }

    [Fact]
    public void Fields_DecodedTcpDrop_ReadFromTheHeaders()
    {
        var view = new SkbRuleEvent(Drop(Syn("10.1.2.3", "10.9.9.9", 9999), netns: 4026531840), Kernel);

        Assert.Equal(("10.1.2.3", "10.9.9.9", "tcp"), (Text(view, "saddr"), Text(view, "daddr"), Text(view, "proto")));
        Assert.Equal((40000L, 9999L, 40L, 64L, 4026531840L),
            (Number(view, "sport"), Number(view, "dport"), Number(view, "len"), Number(view, "ttl"), Number(view, "netns")));
        Assert.Null(Number(view, "icmp_type"));
        Assert.Null(Number(new SkbRuleEvent(Drop(Syn("10.1.2.3", "10.9.9.9", 9999)), Kernel), "netns"));
    }

    [Fact]
    public void Fields_TcpPayload_IpLengthLessBothHeaders()
    {
        PacketInfo Segment(byte[] l3, ushort ether = EtherTypes.IPv4) => PacketParser.Parse(ether, l3);
        byte[] ack = Tcp(40000, 80, 1, 1, TcpFlags.ACK);
        byte[] data = Concat(ack, new byte[100]);
        byte[] hopByHop = HopByHopRouterAlert(IpProtocols.Tcp);

        Assert.Equal(0L, Number(new SkbRuleEvent(Drop(Segment(IPv4(IpProtocols.Tcp, "10.1.2.3", "10.9.9.9", ack))), Kernel), "tcp_payload"));
        Assert.Equal(100L, Number(new SkbRuleEvent(Drop(Segment(IPv4(IpProtocols.Tcp, "10.1.2.3", "10.9.9.9", data))), Kernel), "tcp_payload"));
        // IPv6 extension headers are part of the IP length but not of the segment.
        var v6 = Segment(IPv6(IpProtocols.HopByHop, "fd00::1", "fd00::2", Concat(hopByHop, data)), EtherTypes.IPv6);
        Assert.Equal(100L, Number(new SkbRuleEvent(Drop(v6), Kernel), "tcp_payload"));
        // Not TCP, or the TCP header cut off: absent, not 0.
        Assert.Null(Number(new SkbRuleEvent(Drop(Segment(IPv4(IpProtocols.Udp, "10.1.2.3", "10.9.9.9", Udp(1, 2, 8)))), Kernel), "tcp_payload"));
        Assert.Null(Number(new SkbRuleEvent(Drop(Segment(IPv4(IpProtocols.Tcp, "10.1.2.3", "10.9.9.9", ack[..8]))), Kernel), "tcp_payload"));
    }

    [Fact]
    public void Fields_Mark_AsTheRecordCarriesIt()
    {
        var syn = Syn("10.1.2.3", "10.9.9.9", 9999);
        SkbTraceEvent Marked(SkbTraceFlags flags, uint mark) =>
            new(new PacketMeta { Skb = Skb }, syn, new SkbTraceRecord { Flags = flags, Mark = mark, StackId = -1 }, "ip_rcv_core", "ip-in", "ip_rcv_core");

        Assert.Equal(0x2aL, Number(new SkbRuleEvent(Marked(SkbTraceFlags.Mark, 0x2a), Kernel), "mark"));
        Assert.Equal(0L, Number(new SkbRuleEvent(Marked(SkbTraceFlags.Mark, 0), Kernel), "mark"));
        // A record of recording format 1 carries none: the field is absent, not zero.
        Assert.Null(Number(new SkbRuleEvent(Marked(SkbTraceFlags.None, 0x2a), Kernel), "mark"));
    }

    [Fact]
    public void Fields_IcmpV6AndArp_TheirOwn()
    {
        var ping = PacketParser.Parse(EtherTypes.IPv6, IPv6(IpProtocols.IcmpV6, "fd00::1", "fd00::2", Icmp(128, 0)));
        var view = new SkbRuleEvent(At(1m, Skb, "ip6_rcv_core", "ip-in", ping), Kernel);
        Assert.Equal(("fd00::1", "icmpv6", 128L, 0L, 64L), (Text(view, "saddr"), Text(view, "proto"), Number(view, "icmp_type"), Number(view, "icmp_code"), Number(view, "ttl")));
        Assert.Null(Number(view, "dport"));

        var arp = PacketParser.Parse(EtherTypes.ARP, Arp(1, "10.0.0.1", "10.0.0.2"));
        var arpView = new SkbRuleEvent(At(1m, Skb, "netif_receive_skb", "link-in", arp), Kernel);
        Assert.Equal(("arp", "10.0.0.2"), (Text(arpView, "proto"), Text(arpView, "daddr")));
        Assert.Null(Number(arpView, "ttl"));
    }

    [Fact]
    public void Diag_TeamRuleOnPacketFields_MatchesAndNamesWhatItFound()
    {
        var syn = Syn("10.1.2.3", "10.9.9.9", 9999);
        var text = Run([At(1.000001m, Skb, "ip_rcv", "ip-in", syn), Drop(syn)]);

        const string message = "tcp from 10.1.2.3:40000 to 10.9.9.9:9999 found no listener (ttl 64, 40 bytes)";
        Assert.Contains($" *no socket is listening on the destination port* *{message}*\n", text);
        Assert.Contains($"\n        {message}\n", text);
        Assert.Contains("    fix advice:\n", text);
        Assert.Contains("\n        start the service on 10.9.9.9 port 9999, or fix the client's port\n", text);
    }

    [Theory]
    [InlineData("192.168.1.3", 9999)] // outside the lab prefixes
    [InlineData("10.1.2.3", 8080)]    // a port the rule does not list
    public void Diag_TeamRule_OtherPacket_Silent(string source, ushort port)
    {
        var syn = Syn(source, "10.9.9.9", port);
        var text = Run([At(1.000001m, Skb, "ip_rcv", "ip-in", syn), Drop(syn)]);
        Assert.Contains("no socket is listening", text);
        Assert.DoesNotContain("found no listener", text);
    }

    [Fact]
    public void Diag_GroupRuleOnIcmpV6_MatchesBigPingOnly()
    {
        var big = PacketParser.Parse(EtherTypes.IPv6, IPv6(IpProtocols.IcmpV6, "fd00::1", "fd00::2", Concat(Icmp(128, 0), new byte[1200])));
        var small = PacketParser.Parse(EtherTypes.IPv6, IPv6(IpProtocols.IcmpV6, "fd00::1", "fd00::2", Icmp(128, 0)));
        Assert.Contains("*a large ping (1248 bytes) from fd00::1*", Run([At(1m, Skb, "ip6_rcv_core", "ip-in", big)]));
        Assert.DoesNotContain("a large ping", Run([At(1m, Skb, "ip6_rcv_core", "ip-in", small)]));
    }

    [Fact]
    public void Diag_UnknownReason_MessageNamesIt()
    {
        var syn = Syn("192.168.1.3", "10.9.9.9", 1);
        var drop = At(1.000002m, Skb, "kfree_skb", "life", syn, aux0: DropSite, aux1: 129, free: true);
        Assert.Contains("*the knowledge base has no explanation for the drop reason NEWER_THAN_ANY_RECORDED yet*", Run([drop]));
    }

    private static string? Text(SkbRuleEvent view, string field) => view.TryGetText(field, out string value) ? value : null;

    private static long? Number(SkbRuleEvent view, string field) => view.TryGetNumber(field, out long value) ? value : null;

    private static string Run(IEnumerable<SkbTraceEvent> hits) => DiagHits.Diagnose(Rules, Kernel, hits);
}
