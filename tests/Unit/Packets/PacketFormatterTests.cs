using System.Net;
using System.Text;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Packets;

/// <summary>Expected lines are the seed README's output where it has one.</summary>
public class PacketFormatterTests
{
    private static string FormatIPv4(byte protocol, string source, string destination, byte[] payload) =>
        PacketFormatter.Format(PacketParser.Parse(EtherTypes.IPv4, IPv4(protocol, source, destination, payload)));

    private static string FormatIPv6(byte nextHeader, string source, string destination, byte[] payload) =>
        PacketFormatter.Format(PacketParser.Parse(EtherTypes.IPv6, IPv6(nextHeader, source, destination, payload)));

    [Fact]
    public void Format_TcpSyn_MatchesSeed()
    {
        string line = FormatIPv4(IpProtocols.Tcp, "127.0.0.1", "127.0.0.1", Tcp(43582, 9999, 3819454691, 0, TcpFlags.SYN));

        Assert.Equal("TCP: 127.0.0.1:43582 -> 127.0.0.1:9999 seq:3819454691, ack:0, flags:S", line);
    }

    [Theory]
    [InlineData(TcpFlags.ACK | TcpFlags.RST, "AR")]
    [InlineData(TcpFlags.ACK | TcpFlags.PSH, "AP")]
    [InlineData(TcpFlags.ACK, "A")]
    [InlineData(TcpFlags.ACK | TcpFlags.FIN, "AF")]
    [InlineData(TcpFlags.SYN | TcpFlags.ACK, "SA")]
    [InlineData((TcpFlags)0xFF, "SAPRFUEC")]
    [InlineData(TcpFlags.None, "")]
    public void Format_TcpFlags_UseSeedLetterOrder(TcpFlags flags, string letters)
    {
        string line = FormatIPv4(IpProtocols.Tcp, "162.241.189.135", "172.27.0.6", Tcp(57022, 22, 299038593, 3843597961, flags));

        Assert.Equal($"TCP: 162.241.189.135:57022 -> 172.27.0.6:22 seq:299038593, ack:3843597961, flags:{letters}", line);
    }

    [Fact]
    public void Format_SocketsFlow_PortsWithoutHeaderFieldsOrTruncation()
    {
        // What the engine builds for an skb on the TCP write queue: an IP header and the socket's ports only.
        byte[] ports = [0x9c, 0x40, 0x26, 0xf2];
        var parsed = PacketParser.Parse(EtherTypes.IPv4, IPv4(IpProtocols.Tcp, "10.99.15.1", "10.99.15.2", ports));

        Assert.True(parsed.Truncated);
        Assert.Equal("TCP: 10.99.15.1:40000 -> 10.99.15.2:9970 (socket's flow, no headers yet)",
            PacketFormatter.Format(parsed with { FromSocket = true, Truncated = false }));
    }

    [Fact]
    public void Format_Udp_PrintsPorts()
    {
        Assert.Equal("UDP: 10.0.0.1:5353 -> 10.0.0.2:53", FormatIPv4(IpProtocols.Udp, "10.0.0.1", "10.0.0.2", Udp(5353, 53)));
    }

    [Theory]
    [InlineData(IcmpTypes.EchoRequest, "ping request")]
    [InlineData(IcmpTypes.EchoReply, "ping reply")]
    public void Format_IcmpEcho_MatchesSeedWithId(byte type, string what)
    {
        string line = FormatIPv4(IpProtocols.Icmp, "169.254.128.15", "172.27.0.6", Echo(type, 1523, 48220));

        Assert.Equal($"ICMP: 169.254.128.15 -> 172.27.0.6 {what}, seq: 48220, id: 1523", line);
    }

    [Theory]
    [InlineData(3, 3, "destination unreachable, code: 3")]
    [InlineData(11, 0, "time exceeded, code: 0")]
    [InlineData(5, 1, "redirect, code: 1")]
    [InlineData(13, 0, "type 13, code: 0")]
    public void Format_OtherIcmp_NamesTypeAndAlwaysCode(byte type, byte code, string text)
    {
        Assert.Equal($"ICMP: 10.0.0.1 -> 10.0.0.2 {text}", FormatIPv4(IpProtocols.Icmp, "10.0.0.1", "10.0.0.2", Icmp(type, code)));
    }

    [Theory]
    [InlineData(IcmpV6Types.EchoRequest, 0, "ping request, seq: 1, id: 7")]
    [InlineData(IcmpV6Types.EchoReply, 0, "ping reply, seq: 1, id: 7")]
    [InlineData(133, 0, "router solicitation")]
    [InlineData(134, 0, "router advertisement")]
    [InlineData(135, 0, "neighbour solicitation")]
    [InlineData(136, 0, "neighbour advertisement")]
    [InlineData(130, 0, "MLD query")]
    [InlineData(131, 0, "MLDv1 report")]
    [InlineData(132, 0, "MLDv1 done")]
    [InlineData(143, 0, "MLDv2 report")]
    [InlineData(1, 4, "destination unreachable, code: 4")]
    [InlineData(3, 0, "time exceeded")]
    [InlineData(200, 0, "type 200")]
    [InlineData(200, 9, "type 200, code: 9")]
    public void Format_IcmpV6_NamesTypeAndCodeOnlyWhenNonZero(byte type, byte code, string text)
    {
        byte[] icmp = type is IcmpV6Types.EchoRequest or IcmpV6Types.EchoReply ? Echo(type, 7, 1) : Icmp(type, code);

        Assert.Equal($"ICMPv6: fe80::1 -> fe80::2 {text}", FormatIPv6(IpProtocols.IcmpV6, "fe80::1", "fe80::2", icmp));
    }

    [Fact]
    public void Format_HopByHopMldV2Report_IsIcmpV6WithoutBrackets()
    {
        string line = FormatIPv6(IpProtocols.HopByHop, "fe80::1c2d:3eff:fe4f:5a6b", "ff02::16",
            Concat(HopByHopRouterAlert(IpProtocols.IcmpV6), Icmp(IcmpV6Types.MldV2Report)));

        Assert.Equal("ICMPv6: fe80::1c2d:3eff:fe4f:5a6b -> ff02::16 MLDv2 report", line);
    }

    [Fact]
    public void Format_IPv6Tcp_BracketsAddresses()
    {
        string line = FormatIPv6(IpProtocols.Tcp, "fe80::1", "fe80::2", Tcp(80, 40000, 1, 2, TcpFlags.SYN | TcpFlags.ACK));

        Assert.Equal("TCP: [fe80::1]:80 -> [fe80::2]:40000 seq:1, ack:2, flags:SA", line);
    }

    [Theory]
    [InlineData("2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:DB8::A", "2001:db8::a")]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1")]
    public void Format_IPv6Udp_UsesRfc5952Text(string address, string expected)
    {
        string line = FormatIPv6(IpProtocols.Udp, address, "::1", Udp(546, 547));

        Assert.Equal($"UDP: [{expected}]:546 -> [::1]:547", line);
    }

    [Fact]
    public void Format_ScopedAddress_DropsScopeId()
    {
        var packet = new PacketInfo
        {
            EtherType = EtherTypes.IPv6,
            L3Kind = L3Kind.IPv6,
            SourceAddress = new IPAddress(IPAddress.Parse("fe80::1").GetAddressBytes(), 3),
            DestinationAddress = IPAddress.Parse("fe80::2"),
            L4Protocol = IpProtocols.IcmpV6,
            HasL4Header = true,
            IcmpType = IcmpV6Types.NeighbourSolicitation,
        };

        Assert.Equal("ICMPv6: fe80::1 -> fe80::2 neighbour solicitation", PacketFormatter.Format(packet));
    }

    [Theory]
    [InlineData(1, "request")]
    [InlineData(2, "reply")]
    [InlineData(8, "op 8")]
    public void Format_Arp_NamesOperation(ushort operation, string text)
    {
        string line = PacketFormatter.Format(PacketParser.Parse(EtherTypes.ARP, Arp(operation, "10.0.0.1", "10.0.0.2")));

        Assert.Equal($"ARP: 10.0.0.1 -> 10.0.0.2 {text}", line);
    }

    [Fact]
    public void Format_OtherIPv4Protocol_PrintsNumber()
    {
        Assert.Equal("IPv4: 10.0.0.1 -> 10.0.0.2 proto: 47", FormatIPv4(IpProtocols.Gre, "10.0.0.1", "10.0.0.2", new byte[4]));
    }

    [Fact]
    public void Format_OtherIPv6Protocol_PrintsNumber()
    {
        Assert.Equal("IPv6: 2001:db8::1 -> 2001:db8::2 proto: 47",
            FormatIPv6(IpProtocols.Gre, "2001:db8::1", "2001:db8::2", new byte[4]));
    }

    [Fact]
    public void Format_UnknownEtherType_PrintsHex()
    {
        Assert.Equal("ether protocol: 0x88cc", PacketFormatter.Format(PacketParser.Parse(0x88CC, [])));
    }

    [Fact]
    public void Format_NonFirstFragment_SaysFragmentWithoutPorts()
    {
        byte[] bytes = IPv6(IpProtocols.Fragment, "2001:db8::1", "2001:db8::2",
            Concat(Fragment(IpProtocols.Udp, 181, more: false), Udp(4000, 5000)));

        string line = PacketFormatter.Format(PacketParser.Parse(EtherTypes.IPv6, bytes));

        Assert.Equal("UDP: 2001:db8::1 -> 2001:db8::2 (fragment)", line);
    }

    [Theory]
    [InlineData(0, "IPv4 (truncated)")]
    [InlineData(19, "IPv4 (truncated)")]
    [InlineData(20, "TCP: 10.0.0.1 -> 10.0.0.2 (truncated)")]
    [InlineData(24, "TCP: 10.0.0.1:1000 -> 10.0.0.2:80 (truncated)")]
    [InlineData(34, "TCP: 10.0.0.1:1000 -> 10.0.0.2:80 seq:5, ack:6, flags:S (truncated)")]
    [InlineData(40, "TCP: 10.0.0.1:1000 -> 10.0.0.2:80 seq:5, ack:6, flags:S")]
    public void Format_TruncatedTcp_PrintsWhatIsKnown(int length, string expected)
    {
        byte[] bytes = IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2", Tcp(1000, 80, 5, 6, TcpFlags.SYN));

        Assert.Equal(expected, PacketFormatter.Format(PacketParser.Parse(EtherTypes.IPv4, bytes.AsSpan(0, length))));
    }

    [Theory]
    [InlineData(4, "ARP (truncated)")]
    [InlineData(12, "ARP: request (truncated)")]
    public void Format_TruncatedArp_PrintsWhatIsKnown(int length, string expected)
    {
        byte[] bytes = Arp(1, "10.0.0.1", "10.0.0.2");

        Assert.Equal(expected, PacketFormatter.Format(PacketParser.Parse(EtherTypes.ARP, bytes.AsSpan(0, length))));
    }

    [Fact]
    public void Format_TruncatedExtensionChain_OmitsProtocol()
    {
        byte[] bytes = IPv6(IpProtocols.HopByHop, "2001:db8::1", "2001:db8::2", Extension(IpProtocols.Routing, 8));

        string line = PacketFormatter.Format(PacketParser.Parse(EtherTypes.IPv6, bytes.AsSpan(0, 44)));

        Assert.Equal("IPv6: 2001:db8::1 -> 2001:db8::2 (truncated)", line);
    }

    [Fact]
    public void Format_MalformedVersion_SaysMalformed()
    {
        Assert.Equal("IPv4 (malformed)", PacketFormatter.Format(PacketParser.Parse(EtherTypes.IPv4, [0x60, 0, 0, 0])));
    }

    [Fact]
    public void Append_ExistingBuilder_AppendsAfterPrefix()
    {
        var sb = new StringBuilder("[ip_rcv] ");

        PacketFormatter.Append(sb, PacketParser.Parse(EtherTypes.IPv4, IPv4(IpProtocols.Udp, "10.0.0.1", "10.0.0.2", Udp(1, 2))));

        Assert.Equal("[ip_rcv] UDP: 10.0.0.1:1 -> 10.0.0.2:2", sb.ToString());
    }
}
