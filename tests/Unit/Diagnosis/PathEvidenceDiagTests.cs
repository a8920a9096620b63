using System.Net;
using NetTrace.Abstractions.Events;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using NetTrace.Tests.Unit.Catalogue;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// --diag on the path plugin's evidence: the ICMP error sent about a packet, the neighbour it was dropped for,
/// the route lookup's errno; each on its hit's line, as rule fields, and in the ANALYSIS RESULT.
/// </summary>
public sealed class PathEvidenceDiagTests
{
    private const ulong Skb = 0xffff888104948100;
    private static readonly DiagHits.Kernel Kernel = new([]);

    public static SkbExtraRecord Evidence(SkbExtraKind kind, byte family, uint value, byte type = 0, byte code = 0, string? address = null)
    {
        var extra = new SkbExtraRecord { Kind = kind, Pf = family };
        Span<byte> bytes = extra.Bytes;
        BitConverter.TryWriteBytes(bytes[PathEvidence.ValueOffset..], value);
        bytes[PathEvidence.TypeOffset] = type;
        bytes[PathEvidence.CodeOffset] = code;
        if (address is not null)
            IPAddress.Parse(address).GetAddressBytes().CopyTo(bytes[PathEvidence.AddressOffset..]);
        return extra;
    }

    private static SkbTraceEvent IcmpSent(byte family, byte type, byte code, uint info) =>
        At(1.000002m, Skb, family == 10 ? "icmp6_send" : "__icmp_send", "icmp", Ping("10.99.7.1", "10.99.8.2", 1),
            extra: Evidence(SkbExtraKind.IcmpError, family, info, type, code));

    [Theory]
    [InlineData(2, 11, 0, 0u, "ttl-exceeded", "*ICMP error sent: time exceeded (TTL expired in transit)*")]
    [InlineData(2, 3, 4, 1280u, "frag-needed", "*ICMP error sent: fragmentation needed, next-hop MTU 1280*")]
    [InlineData(2, 3, 3, 0u, "port-unreachable", "*ICMP error sent: port unreachable*")]
    [InlineData(2, 3, 1, 0u, "host-unreachable", "*ICMP error sent: host unreachable*")]
    [InlineData(10, 2, 0, 1400u, "packet-too-big", "*ICMPv6 error sent: packet too big, next-hop MTU 1400*")]
    [InlineData(10, 3, 0, 0u, "ttl-exceeded", "*ICMPv6 error sent: time exceeded (hop limit expired in transit)*")]
    [InlineData(10, 1, 4, 0u, "port-unreachable", "*ICMPv6 error sent: port unreachable*")]
    public void IcmpError_NamedOnLineAndAsField(byte family, byte type, byte code, uint info, string name, string note)
    {
        var ev = IcmpSent(family, type, code, info);
        var fields = new SkbRuleEvent(ev, Kernel);

        Assert.True(fields.TryGetText("icmp_error", out string error));
        Assert.Equal(name, error);
        Assert.Equal(info != 0, fields.TryGetNumber("icmp_mtu", out long mtu));
        Assert.Equal(info, (uint)mtu);
        Assert.Contains(" " + note, Run([ev, At(1.000003m, Skb, "kfree_skb", "life", ev.Packet!, free: true)]));
    }

    [Fact]
    public void FragNeeded_AnalysisNamesItWithAdvice()
    {
        string text = Run([IcmpSent(2, 3, 4, 1280), At(1.000003m, Skb, "kfree_skb", "life", Ping("10.99.7.1", "10.99.8.2", 1), free: true)]);

        Assert.Contains(
            "[1] ERROR happens in __icmp_send(icmp):\n" +
            "        ICMP fragmentation needed (packet too big) sent: the packet (28 bytes) is bigger than the next hop's MTU 1280 and may not be fragmented\n" +
            "    evidence:\n        kfree_skb(life): packet is dropped by kernel; the knowledge base has no explanation for the drop reason REASON0 yet\n" +
            "    drop reason:\n        REASON0\n" +
            "    fix advice:\n        path MTU: check the MTU of the devices and tunnels on the path (ip link, ip route get 10.99.8.2 shows", text);
    }

    [Fact]
    public void TtlExceeded_IsAWarningNamingTheLoopOrTheTtl()
    {
        string text = Run([IcmpSent(2, 11, 0, 0), At(1.000003m, Skb, "consume_skb", "life", Ping("10.99.7.1", "10.99.8.2", 1), free: true)]);

        Assert.Contains("[1] WARNING happens in __icmp_send(icmp):\n        ICMP time exceeded sent: the packet's TTL (hop limit) ran out here\n", text);
        Assert.Contains("a routing loop", text);
    }

    [Fact]
    public void NeighbourFailed_NamesAddressAndState()
    {
        var req = Ping("10.99.10.1", "10.99.10.9", 1);
        var report = At(1.000002m, Skb, "arp_error_report", "neigh", req,
            extra: Evidence(SkbExtraKind.Neighbour, 2, 0x20, address: "10.99.10.9"));
        var fields = new SkbRuleEvent(report, Kernel);

        Assert.True(fields.TryGetText("neigh", out string neigh));
        Assert.Equal("10.99.10.9", neigh);
        Assert.True(fields.TryGetText("neigh_state", out string state));
        Assert.Equal("FAILED", state);
        string text = Run([report, At(1.000003m, Skb, "kfree_skb", "life", req, free: true)]);
        Assert.Contains("[arp_error_report    ] ICMP: 10.99.10.1 -> 10.99.10.9 ping request, seq: 1, id: 7 *neighbour 10.99.10.9 FAILED*", text);
        Assert.Contains("[1] ERROR happens in arp_error_report(neigh):\n        neighbour resolution failed", text);
    }

    [Fact]
    public void NeighbourIpv6_PrintsTheWholeAddress()
    {
        var ev = At(1.000002m, Skb, "ndisc_error_report", "neigh", Ping("10.0.0.1", "10.0.0.2", 1),
            extra: Evidence(SkbExtraKind.Neighbour, 10, 0x01, address: "fd00::9"));

        Assert.True(new SkbRuleEvent(ev, Kernel).TryGetText("neigh", out string neigh));
        Assert.Equal("fd00::9", neigh);
        Assert.Contains("*neighbour fd00::9 INCOMPLETE*", Run([ev]));
    }

    [Theory]
    [InlineData(113u, "EHOSTUNREACH", "route lookup failed: an unreachable route, or forwarding is off on the input device (EHOSTUNREACH)")]
    [InlineData(101u, "ENETUNREACH", "route lookup failed: no route to the destination (ENETUNREACH)")]
    [InlineData(13u, "EACCES", "route lookup failed: a prohibit route (EACCES)")]
    [InlineData(22u, "EINVAL", "route lookup failed: a blackhole route drops the packet silently (EINVAL)")]
    public void RouteError_NamesTheErrnoAndItsMeaning(uint errno, string name, string message)
    {
        var ev = At(1.000002m, Skb, "ip_error", "route", Ping("10.99.7.1", "10.99.9.1", 1),
            extra: Evidence(SkbExtraKind.RouteError, 2, errno));

        Assert.True(new SkbRuleEvent(ev, Kernel).TryGetText("route_error", out string error));
        Assert.Equal(name, error);
        string text = Run([ev]);
        Assert.Contains($"*route lookup: {name} (", text);
        Assert.Contains($"[1] ERROR happens in ip_error(route):\n        {message}\n    fix advice:\n", text);
    }

    [Fact]
    public void RouteInput_MartianIsNamed()
    {
        var ev = At(1.000002m, Skb, "ip_route_input_slow", "route", Ping("127.0.0.1", "10.99.9.1", 1), ret: -22);

        Assert.Contains("route lookup refused a martian source or destination (-EINVAL)", Run([ev]));
    }

    [Fact]
    public void OtherEvidence_IsNoIcmpField()
    {
        var ev = At(1.000002m, Skb, "ip_error", "route", Ping("10.0.0.1", "10.0.0.2", 1), extra: Evidence(SkbExtraKind.RouteError, 2, 113));
        var fields = new SkbRuleEvent(ev, Kernel);

        Assert.False(fields.TryGetText("icmp_error", out _));
        Assert.False(fields.TryGetNumber("icmp_mtu", out _));
        Assert.False(fields.TryGetText("neigh", out _));
    }

    private static string Run(IEnumerable<SkbTraceEvent> hits) => DiagHits.Diagnose(ShippedRules, Kernel, hits);
}
