using System.Net;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Packets;

public class PacketParserIPv6Tests
{
    // An MLDv2 report as Linux sends it on joining ff02::fb: hop-by-hop (router alert, PadN) then ICMPv6 143
    // with one "change to exclude" record.
    private const string RecordedMldV2Report =
        "60 00 00 00 00 24 00 01 fe 80 00 00 00 00 00 00 1c 2d 3e ff fe 4f 5a 6b"
        + "ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 16"
        + "3a 00 05 02 00 00 01 00"
        + "8f 00 7c 3b 00 00 00 01"
        + "04 00 00 00 ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 fb";

    [Fact]
    public void Parse_Tcp_DecodesAddressesPortsAndFlags()
    {
        byte[] bytes = IPv6(IpProtocols.Tcp, "fe80::1", "fe80::2", Tcp(80, 40000, 7, 8, TcpFlags.SYN | TcpFlags.ACK));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.Equal(L3Kind.IPv6, p.L3Kind);
        Assert.Equal(IPAddress.Parse("fe80::1"), p.SourceAddress);
        Assert.Equal(IPAddress.Parse("fe80::2"), p.DestinationAddress);
        Assert.Equal(IpProtocols.Tcp, p.L4Protocol);
        Assert.Equal(80, p.SourcePort);
        Assert.Equal(40000, p.DestinationPort);
        Assert.Equal(7u, p.TcpSequence);
        Assert.Equal(8u, p.TcpAcknowledgment);
        Assert.Equal(TcpFlags.SYN | TcpFlags.ACK, p.TcpFlags);
        Assert.Equal(60, p.IpTotalLength);
    }

    [Fact]
    public void Parse_RecordedHopByHopMldV2Report_DecodesAsIcmpV6NotTcp()
    {
        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, Hex(RecordedMldV2Report));

        Assert.Equal(IpProtocols.IcmpV6, p.L4Protocol);
        Assert.Equal(IcmpV6Types.MldV2Report, p.IcmpType);
        Assert.Equal(IPAddress.Parse("ff02::16"), p.DestinationAddress);
        Assert.Equal(IPAddress.Parse("fe80::1c2d:3eff:fe4f:5a6b"), p.SourceAddress);
        Assert.Equal(76, p.IpTotalLength);
        Assert.False(p.HasPorts);
        Assert.Equal(TcpFlags.None, p.TcpFlags);
        Assert.False(p.Truncated);
    }

    [Fact]
    public void Parse_BuiltHopByHopMldV2Report_DecodesAsIcmpV6NotTcp()
    {
        byte[] bytes = IPv6(IpProtocols.HopByHop, "fe80::1", "ff02::16",
            Concat(HopByHopRouterAlert(IpProtocols.IcmpV6), Icmp(IcmpV6Types.MldV2Report, 0, 0)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.Equal(IpProtocols.IcmpV6, p.L4Protocol);
        Assert.Equal(IcmpV6Types.MldV2Report, p.IcmpType);
        Assert.NotEqual(IpProtocols.Tcp, p.L4Protocol);
    }

    [Fact]
    public void Parse_LongHopByHop_SkipsItsFullLength()
    {
        // 16-byte header whose body is all 0x06; the UDP ports must come from after it.
        byte[] bytes = IPv6(IpProtocols.HopByHop, "2001:db8::1", "2001:db8::2",
            Concat(Extension(IpProtocols.Udp, 16), Udp(546, 547)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.Equal(IpProtocols.Udp, p.L4Protocol);
        Assert.Equal(546, p.SourcePort);
        Assert.Equal(547, p.DestinationPort);
    }

    [Fact]
    public void Parse_RoutingThenDestinationOptions_ReachesUdp()
    {
        byte[] bytes = IPv6(IpProtocols.Routing, "2001:db8::1", "2001:db8::2",
            Concat(Extension(IpProtocols.DestinationOptions, 24), Extension(IpProtocols.Udp, 8), Udp(5353, 53)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.Equal(IpProtocols.Udp, p.L4Protocol);
        Assert.Equal(5353, p.SourcePort);
        Assert.Equal(53, p.DestinationPort);
        Assert.False(p.Truncated);
    }

    [Fact]
    public void Parse_AuthenticationHeader_UsesFourByteUnits()
    {
        byte[] bytes = IPv6(IpProtocols.AuthenticationHeader, "2001:db8::1", "2001:db8::2",
            Concat(AuthenticationHeader(IpProtocols.Tcp), Tcp(443, 50000, 1, 2, TcpFlags.ACK)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.Equal(IpProtocols.Tcp, p.L4Protocol);
        Assert.Equal(443, p.SourcePort);
        Assert.Equal(TcpFlags.ACK, p.TcpFlags);
    }

    [Fact]
    public void Parse_FirstFragment_ReachesTransport()
    {
        byte[] bytes = IPv6(IpProtocols.Fragment, "2001:db8::1", "2001:db8::2",
            Concat(Fragment(IpProtocols.Udp, 0, more: true), Udp(4000, 5000, 32)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.False(p.IsNonFirstFragment);
        Assert.Equal(4000, p.SourcePort);
    }

    [Fact]
    public void Parse_NonFirstFragment_HasNoL4Fields()
    {
        byte[] bytes = IPv6(IpProtocols.Fragment, "2001:db8::1", "2001:db8::2",
            Concat(Fragment(IpProtocols.Udp, 181, more: false), Udp(4000, 5000, 32)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.True(p.IsNonFirstFragment);
        Assert.Equal(IpProtocols.Udp, p.L4Protocol);
        Assert.False(p.HasPorts);
        Assert.Equal(0, p.SourcePort);
        Assert.False(p.Truncated);
    }

    [Fact]
    public void Parse_IcmpV6Echo_DecodesIdAndSequence()
    {
        byte[] bytes = IPv6(IpProtocols.IcmpV6, "fe80::1", "fe80::2", Echo(IcmpV6Types.EchoRequest, 7, 1));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.Equal(IcmpV6Types.EchoRequest, p.IcmpType);
        Assert.Equal(7, p.IcmpEchoId);
        Assert.Equal(1, p.IcmpEchoSequence);
    }

    [Fact]
    public void Parse_ExtensionChainCutShort_ReportsUnknownProtocolAndTruncated()
    {
        byte[] full = IPv6(IpProtocols.HopByHop, "2001:db8::1", "2001:db8::2",
            Concat(Extension(IpProtocols.Routing, 8), Extension(IpProtocols.Tcp, 16), Tcp(1, 2, 3, 4, TcpFlags.SYN)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, full.AsSpan(0, 40 + 4)); // inside hop-by-hop, whose next header is routing

        Assert.True(p.Truncated);
        Assert.Equal(0, p.L4Protocol);
        Assert.False(p.HasPorts);
    }

    [Fact]
    public void Parse_LastExtensionBodyCut_KeepsKnownTransportProtocol()
    {
        byte[] full = IPv6(IpProtocols.HopByHop, "2001:db8::1", "2001:db8::2",
            Concat(Extension(IpProtocols.Tcp, 16), Tcp(1, 2, 3, 4, TcpFlags.SYN)));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, full.AsSpan(0, 40 + 10));

        Assert.True(p.Truncated);
        Assert.Equal(IpProtocols.Tcp, p.L4Protocol);
        Assert.False(p.HasPorts);
    }

    [Fact]
    public void Parse_EndlessExtensionChain_IsMalformed()
    {
        byte[][] chain = Enumerable.Range(0, 12).Select(_ => Extension(IpProtocols.DestinationOptions, 8)).ToArray();
        byte[] bytes = IPv6(IpProtocols.DestinationOptions, "2001:db8::1", "2001:db8::2", Concat(chain));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.True(p.Malformed);
        Assert.Equal(0, p.L4Protocol);
    }

    [Fact]
    public void Parse_WrongVersion_IsMalformed()
    {
        byte[] bytes = IPv6(IpProtocols.Tcp, "::1", "::1", Tcp(1, 2, 3, 4, TcpFlags.SYN));
        bytes[0] = 0x45;

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv6, bytes);

        Assert.True(p.Malformed);
        Assert.Null(p.SourceAddress);
    }
}
