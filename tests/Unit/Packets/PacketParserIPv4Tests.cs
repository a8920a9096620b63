using System.Net;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Packets;

public class PacketParserIPv4Tests
{
    // The seed's NO_SOCKET example: SYN to a closed port, recorded with its options (MSS, SACK, TS, WS).
    private const string SeedSyn =
        "45 00 00 3c d6 a5 40 00 40 06 66 14 7f 00 00 01 7f 00 00 01"
        + "aa 3e 27 0f e3 a8 40 e3 00 00 00 00 a0 02 ff d7 fe 30 00 00"
        + "02 04 ff d7 04 02 08 0a 8c 2c 7d 9a 00 00 00 00 01 03 03 07";

    [Fact]
    public void Parse_RecordedTcpSyn_DecodesEveryField()
    {
        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, Hex(SeedSyn));

        Assert.Equal(L3Kind.IPv4, p.L3Kind);
        Assert.Equal(IPAddress.Loopback, p.SourceAddress);
        Assert.Equal(IPAddress.Loopback, p.DestinationAddress);
        Assert.Equal(IpProtocols.Tcp, p.L4Protocol);
        Assert.Equal(60, p.IpTotalLength);
        Assert.Equal(43582, p.SourcePort);
        Assert.Equal(9999, p.DestinationPort);
        Assert.Equal(3819454691u, p.TcpSequence);
        Assert.Equal(0u, p.TcpAcknowledgment);
        Assert.Equal(TcpFlags.SYN, p.TcpFlags);
        Assert.True(p.HasPorts);
        Assert.True(p.HasL4Header);
        Assert.False(p.Truncated);
        Assert.False(p.Malformed);
    }

    [Fact]
    public void Parse_TcpAckRst_DecodesFlagsAndAck()
    {
        byte[] bytes = IPv4(IpProtocols.Tcp, "162.241.189.135", "172.27.0.6",
            Tcp(57022, 22, 299038593, 3843597961, TcpFlags.ACK | TcpFlags.RST));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.Equal(IPAddress.Parse("162.241.189.135"), p.SourceAddress);
        Assert.Equal(IPAddress.Parse("172.27.0.6"), p.DestinationAddress);
        Assert.Equal(299038593u, p.TcpSequence);
        Assert.Equal(3843597961u, p.TcpAcknowledgment);
        Assert.Equal(TcpFlags.ACK | TcpFlags.RST, p.TcpFlags);
        Assert.Equal(40, p.IpTotalLength);
    }

    [Fact]
    public void Parse_HeaderWithOptions_HonoursIhl()
    {
        byte[] options = [0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00]; // router alert, NOPs, EOL
        byte[] bytes = IPv4(IpProtocols.Udp, "10.0.0.1", "10.0.0.2", Udp(5353, 53), options);

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.Equal(5353, p.SourcePort);
        Assert.Equal(53, p.DestinationPort);
    }

    [Fact]
    public void Parse_Udp_DecodesPorts()
    {
        byte[] bytes = IPv4(IpProtocols.Udp, "10.0.0.1", "10.0.0.2", Udp(5353, 53, 12));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.Equal(IpProtocols.Udp, p.L4Protocol);
        Assert.Equal(5353, p.SourcePort);
        Assert.Equal(53, p.DestinationPort);
        Assert.True(p.HasL4Header);
        Assert.Equal(40, p.IpTotalLength);
    }

    [Theory]
    [InlineData(IcmpTypes.EchoRequest)]
    [InlineData(IcmpTypes.EchoReply)]
    public void Parse_IcmpEcho_DecodesIdAndSequence(byte type)
    {
        byte[] bytes = IPv4(IpProtocols.Icmp, "169.254.128.15", "172.27.0.6", Echo(type, 1523, 48220));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.Equal(IpProtocols.Icmp, p.L4Protocol);
        Assert.Equal(type, p.IcmpType);
        Assert.Equal(0, p.IcmpCode);
        Assert.Equal(1523, p.IcmpEchoId);
        Assert.Equal(48220, p.IcmpEchoSequence);
    }

    [Fact]
    public void Parse_IcmpDestinationUnreachable_LeavesEchoFieldsZero()
    {
        byte[] bytes = IPv4(IpProtocols.Icmp, "10.0.0.1", "10.0.0.2", Icmp(3, 3, 0x0000_05DC));

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.Equal(3, p.IcmpType);
        Assert.Equal(3, p.IcmpCode);
        Assert.Equal(0, p.IcmpEchoId);
        Assert.Equal(0, p.IcmpEchoSequence);
    }

    [Fact]
    public void Parse_NonFirstFragment_HasNoL4Fields()
    {
        // Offset 185 * 8 bytes; the payload happens to look like a TCP header but is mid-stream data.
        byte[] bytes = IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2",
            Tcp(1, 2, 3, 4, TcpFlags.SYN), fragment: 185);

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.True(p.IsNonFirstFragment);
        Assert.Equal(IpProtocols.Tcp, p.L4Protocol);
        Assert.False(p.HasPorts);
        Assert.False(p.HasL4Header);
        Assert.Equal(0, p.SourcePort);
        Assert.False(p.Truncated);
    }

    [Fact]
    public void Parse_FirstFragment_DecodesL4()
    {
        byte[] bytes = IPv4(IpProtocols.Udp, "10.0.0.1", "10.0.0.2", Udp(4789, 4789, 64), fragment: 0x2000);

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.False(p.IsNonFirstFragment);
        Assert.Equal(4789, p.DestinationPort);
    }

    [Fact]
    public void Parse_OtherProtocol_KeepsProtocolNumber()
    {
        byte[] bytes = IPv4(IpProtocols.Gre, "10.0.0.1", "10.0.0.2", new byte[8]);

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.Equal(IpProtocols.Gre, p.L4Protocol);
        Assert.False(p.HasL4Header);
        Assert.False(p.Truncated);
    }

    [Theory]
    [InlineData(0x65)] // version 6 under an IPv4 EtherType
    [InlineData(0x44)] // IHL 4 (16 bytes) is below the minimum
    public void Parse_BadVersionOrIhl_IsMalformed(byte firstByte)
    {
        byte[] bytes = IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 3, 4, TcpFlags.ACK));
        bytes[0] = firstByte;

        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes);

        Assert.True(p.Malformed);
        Assert.Null(p.SourceAddress);
        Assert.Equal(0, p.L4Protocol);
    }

    [Fact]
    public void Parse_ArpRequest_DecodesOperationAndAddresses()
    {
        PacketInfo p = PacketParser.Parse(EtherTypes.ARP, Arp(1, "10.0.0.1", "10.0.0.2"));

        Assert.Equal(L3Kind.ARP, p.L3Kind);
        Assert.Equal(1, p.ArpOperation);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), p.SourceAddress);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), p.DestinationAddress);
        Assert.Equal(0, p.L4Protocol);
        Assert.False(p.Truncated);
    }

    [Fact]
    public void Parse_ArpForOtherProtocol_KeepsOnlyOperation()
    {
        byte[] bytes = Arp(2, "10.0.0.1", "10.0.0.2");
        bytes[2] = 0x86; // protocol type 0x86DD: no IPv4 addresses to read
        bytes[3] = 0xDD;

        PacketInfo p = PacketParser.Parse(EtherTypes.ARP, bytes);

        Assert.Equal(2, p.ArpOperation);
        Assert.Null(p.SourceAddress);
        Assert.False(p.Truncated);
    }
}
