using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Packets;

/// <summary>Captures can be cut anywhere or hold bytes the kernel has not written yet: nothing may throw.</summary>
public class PacketParserRobustnessTests
{
    public static TheoryData<ushort, byte[], int> FullPackets => new()
    {
        // etherType, bytes, length at which every header the parser reads is complete
        { EtherTypes.IPv4, IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 3, 4, TcpFlags.SYN)), 40 },
        { EtherTypes.IPv4, IPv4(IpProtocols.Udp, "10.0.0.1", "10.0.0.2", Udp(1, 2)), 28 },
        { EtherTypes.IPv4, IPv4(IpProtocols.Icmp, "10.0.0.1", "10.0.0.2", Echo(8, 1, 2)), 28 },
        { EtherTypes.IPv6, IPv6(IpProtocols.HopByHop, "fe80::1", "ff02::16",
            Concat(HopByHopRouterAlert(IpProtocols.Tcp), Tcp(1, 2, 3, 4, TcpFlags.ACK))), 68 },
        { EtherTypes.IPv6, IPv6(IpProtocols.Routing, "2001:db8::1", "2001:db8::2",
            Concat(Extension(IpProtocols.DestinationOptions, 16), Extension(IpProtocols.Udp, 8), Udp(1, 2))), 72 },
        { EtherTypes.ARP, Arp(1, "10.0.0.1", "10.0.0.2"), 28 },
    };

    [Theory]
    [MemberData(nameof(FullPackets))]
    public void Parse_EveryPrefix_NeverThrowsAndFlagsTruncation(ushort etherType, byte[] bytes, int complete)
    {
        for (int length = 0; length <= bytes.Length; length++)
        {
            PacketInfo p = PacketParser.Parse(etherType, bytes.AsSpan(0, length));

            Assert.Equal(length < complete, p.Truncated);
            Assert.False(p.Malformed);
            Assert.NotEmpty(PacketFormatter.Format(p));
        }
    }

    [Fact]
    public void Parse_TcpPrefixes_NeverClaimFieldsBeyondTheCapture()
    {
        byte[] bytes = IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2", Tcp(443, 50000, 10, 20, TcpFlags.ACK));
        for (int length = 0; length <= bytes.Length; length++)
        {
            PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, bytes.AsSpan(0, length));

            Assert.Equal(length >= 20, p.SourceAddress is not null);
            Assert.Equal(length >= 24, p.HasPorts);
            Assert.Equal(length >= 34, p.HasL4Header);
            Assert.Equal(p.HasL4Header ? TcpFlags.ACK : TcpFlags.None, p.TcpFlags);
        }
    }

    [Theory]
    [InlineData(EtherTypes.IPv4)]
    [InlineData(EtherTypes.IPv6)]
    [InlineData(EtherTypes.ARP)]
    [InlineData((ushort)0x8100)]
    public void Parse_RandomGarbage_NeverThrows(ushort etherType)
    {
        var random = new Random(etherType);
        var buffer = new byte[128];
        for (int i = 0; i < 5000; i++)
        {
            random.NextBytes(buffer);
            // Steer half the samples past the version check so the deeper decoders see garbage too.
            if (i % 2 == 0)
                buffer[0] = etherType == EtherTypes.IPv6 ? (byte)(0x60 | buffer[0] & 0x0F) : (byte)(0x45);
            if (i % 4 == 0 && etherType == EtherTypes.IPv6)
                buffer[6] = (byte)(i % 8 == 0 ? IpProtocols.HopByHop : IpProtocols.Fragment);
            int length = random.Next(buffer.Length + 1);

            PacketInfo p = PacketParser.Parse(etherType, buffer.AsSpan(0, length));

            Assert.NotEmpty(PacketFormatter.Format(p));
        }
    }

    [Fact]
    public void Parse_UnknownEtherType_ReportsOtherWithEtherTypeOnly()
    {
        PacketInfo p = PacketParser.Parse(0x88CC, [0x02, 0x07, 0x04, 0x00]);

        Assert.Equal(L3Kind.Other, p.L3Kind);
        Assert.Equal(0x88CC, p.EtherType);
        Assert.Null(p.SourceAddress);
        Assert.Equal(0, p.L4Protocol);
        Assert.False(p.Truncated);
    }

    [Fact]
    public void Parse_EmptyIPv4_IsTruncated()
    {
        PacketInfo p = PacketParser.Parse(EtherTypes.IPv4, []);

        Assert.True(p.Truncated);
        Assert.Equal(L3Kind.IPv4, p.L3Kind);
    }
}
