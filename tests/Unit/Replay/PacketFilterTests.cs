using System.Net;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Options;
using NetTrace.Tests.Unit.Incidents;

namespace NetTrace.Tests.Unit.Replay;

/// <summary>The kernel's packet filter in user space, as replay applies it to recorded events.</summary>
public sealed class PacketFilterTests
{
    private static readonly PacketInfo Http = FlowPackets.Tcp("10.0.0.1", 40000, "10.0.0.2", 80, TcpFlags.ACK | TcpFlags.PSH);

    private static SkbTraceEvent Hit(PacketInfo? packet, uint netns = 0, uint pid = 0) =>
        new(new PacketMeta { Netns = netns, Pid = pid }, packet, new SkbTraceRecord(), "ip_rcv", "ip-in", "ip_rcv");

    private static bool Matches(SessionOptions options, PacketInfo? packet) => new PacketFilter(options).Matches(Hit(packet));

    [Theory]
    [InlineData(0x12u, true)]   // 0x12 & 0xf0 == 0x10
    [InlineData(0x1fu, true)]
    [InlineData(0x22u, false)]
    [InlineData(null, false)]    // a record without the mark (an older recording's) cannot be shown to match
    public void Mark_TheRecordsMarkUnderTheMask(uint? mark, bool matches)
    {
        var record = new SkbTraceRecord { Flags = mark is null ? 0 : SkbTraceFlags.Mark, Mark = mark ?? 0 };
        var hit = new SkbTraceEvent(new PacketMeta(), Http, record, "ip_rcv", "ip-in", "ip_rcv");
        var filter = new PacketFilter(new SessionOptions { Mark = (0x10u, 0xf0u) });

        Assert.False(filter.IsEmpty);
        Assert.Equal(matches, filter.Matches(hit));
    }

    [Theory]
    [InlineData("not arp", false, true)]
    [InlineData("arp or icmp", true, false)] // "arp" alone tests only the link layer: refused for recordings
    [InlineData("ip", false, true)]
    public void Expression_ANonIpRecord_GetsTheFramesProgramBehindItsEtherType(string expression, bool arp, bool http)
    {
        var options = new SessionOptions { FilterExpression = expression };
        var request = FlowPackets.Arp("10.0.0.1", "10.0.0.2");
        var recorded = request with { Raw = PacketBytesOf(request) };

        Assert.Equal(arp, Matches(options, recorded));
        Assert.Equal(http, Matches(options, Http with { Raw = HttpBytes }));
    }

    private static readonly byte[] HttpBytes = NetTrace.Tests.Shared.PacketBytes.IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2",
        NetTrace.Tests.Shared.PacketBytes.Tcp(40000, 80, 1, 1, TcpFlags.ACK | TcpFlags.PSH));

    private static byte[] PacketBytesOf(PacketInfo arp) =>
        NetTrace.Tests.Shared.PacketBytes.Arp(arp.ArpOperation, arp.SourceAddress!.ToString(), arp.DestinationAddress!.ToString());

    [Fact]
    public void NoFilter_IsEmptyAndMatchesEverything()
    {
        var filter = new PacketFilter(new SessionOptions { Mode = TraceMode.Diagnose, Json = true });

        Assert.True(filter.IsEmpty);
        Assert.True(filter.Matches(Hit(null)));
        Assert.True(filter.Matches(Hit(FlowPackets.Arp("10.0.0.1", "10.0.0.2"))));
    }

    [Theory]
    [InlineData("10.0.0.1", null, null, true)]
    [InlineData("10.0.0.2", null, null, false)]
    [InlineData(null, "10.0.0.2", null, true)]
    [InlineData(null, "10.0.0.1", null, false)]
    [InlineData(null, null, "10.0.0.1", true)]
    [InlineData(null, null, "10.0.0.2", true)]
    [InlineData(null, null, "10.0.0.3", false)]
    [InlineData("10.0.0.1", "10.0.0.2", null, true)]
    [InlineData("10.0.0.1", "10.0.0.3", null, false)]
    public void Addresses(string? saddr, string? daddr, string? addr, bool matches)
    {
        var options = new SessionOptions
        {
            SourceAddress = saddr is null ? null : IPAddress.Parse(saddr),
            DestinationAddress = daddr is null ? null : IPAddress.Parse(daddr),
            AnyAddress = addr is null ? null : IPAddress.Parse(addr),
        };

        Assert.Equal(matches, Matches(options, Http));
    }

    [Theory]
    [InlineData((ushort)40000, null, null, true)]
    [InlineData((ushort)80, null, null, false)]
    [InlineData(null, (ushort)80, null, true)]
    [InlineData(null, (ushort)40000, null, false)]
    [InlineData(null, null, (ushort)80, true)]
    [InlineData(null, null, (ushort)40000, true)]
    [InlineData(null, null, (ushort)443, false)]
    public void Ports(ushort? sport, ushort? dport, ushort? port, bool matches)
    {
        Assert.Equal(matches, Matches(new SessionOptions { SourcePort = sport, DestinationPort = dport, AnyPort = port }, Http));
    }

    [Fact]
    public void PortFilter_PacketWithoutPorts_NoMatch()
    {
        // An ICMP header's first bytes are not ports: a port filter needs a packet that has them, as in the kernel.
        var ping = FlowPackets.Ping("10.0.0.1", "10.0.0.2");

        Assert.False(Matches(new SessionOptions { AnyPort = 8 }, ping));
        Assert.False(Matches(new SessionOptions { SourcePort = 0 }, ping));
    }

    [Fact]
    public void Protocol_ByIpProtocolAndByEtherType()
    {
        var ping = FlowPackets.Ping("10.0.0.1", "10.0.0.2");
        var arp = FlowPackets.Arp("10.0.0.1", "10.0.0.2");

        Assert.True(Matches(new SessionOptions { Protocol = ProtocolFilter.Tcp }, Http));
        Assert.False(Matches(new SessionOptions { Protocol = ProtocolFilter.Tcp }, ping));
        Assert.True(Matches(new SessionOptions { Protocol = ProtocolFilter.Icmp }, ping));
        Assert.False(Matches(new SessionOptions { Protocol = ProtocolFilter.Udp }, Http));
        Assert.True(Matches(new SessionOptions { Protocol = ProtocolFilter.Arp }, arp));
        Assert.False(Matches(new SessionOptions { Protocol = ProtocolFilter.Arp }, ping));
        Assert.False(Matches(new SessionOptions { Protocol = ProtocolFilter.IPv4 }, arp));
        Assert.False(Matches(new SessionOptions { Protocol = ProtocolFilter.IPv6 }, Http));
    }

    [Fact]
    public void Address_NeverMatchesArp_AsInTheKernel()
    {
        var arp = FlowPackets.Arp("10.0.0.1", "10.0.0.2");

        Assert.False(Matches(new SessionOptions { SourceAddress = System.Net.IPAddress.Parse("10.0.0.1") }, arp));
        Assert.False(Matches(new SessionOptions { AnyAddress = System.Net.IPAddress.Parse("10.0.0.2") }, arp));
        Assert.False(Matches(new SessionOptions { Protocol = ProtocolFilter.Arp, DestinationAddress = System.Net.IPAddress.Parse("10.0.0.2") }, arp));
    }

    [Theory]
    [InlineData(40, 40, true)]
    [InlineData(20, 60, true)]
    [InlineData(41, 1500, false)]
    [InlineData(20, 39, false)]
    public void PacketLength_InclusiveRangeOfTheIpLength(int min, int max, bool matches)
    {
        Assert.Equal(40, Http.IpTotalLength);
        Assert.Equal(matches, Matches(new SessionOptions { PacketLength = ((ushort)min, (ushort)max) }, Http));
    }

    [Fact]
    public void TcpFlags_AnyOfTheBits()
    {
        Assert.True(Matches(new SessionOptions { TcpFlags = (byte)(TcpFlags.SYN | TcpFlags.PSH) }, Http));
        Assert.False(Matches(new SessionOptions { TcpFlags = (byte)(TcpFlags.SYN | TcpFlags.RST) }, Http));
        Assert.False(Matches(new SessionOptions { TcpFlags = (byte)TcpFlags.ACK }, FlowPackets.Udp("10.0.0.1", 1, "10.0.0.2", 2)));
    }

    [Fact]
    public void NetnsAndPid_ComeFromTheEventsMeta()
    {
        var netns = new PacketFilter(new SessionOptions { Netns = 4026531840 });
        var pid = new PacketFilter(new SessionOptions { Pid = 4242 });

        Assert.True(netns.Matches(Hit(Http, netns: 4026531840)));
        Assert.False(netns.Matches(Hit(Http, netns: 4026532000)));
        Assert.True(pid.Matches(Hit(Http, pid: 4242)));
        Assert.False(pid.Matches(Hit(Http, pid: 1)));
    }

    [Fact]
    public void EventWithoutPacket_FailsPacketTestsButPassesNetnsOnly()
    {
        Assert.False(Matches(new SessionOptions { Protocol = ProtocolFilter.Tcp }, null));
        Assert.False(Matches(new SessionOptions { AnyAddress = IPAddress.Parse("10.0.0.1") }, null));
        Assert.True(new PacketFilter(new SessionOptions { Netns = 7 }).Matches(Hit(null, netns: 7)));
    }

    [Fact]
    public void AllTestsTogether_EachMustPass()
    {
        var options = new SessionOptions
        {
            SourceAddress = IPAddress.Parse("10.0.0.1"),
            DestinationPort = 80,
            Protocol = ProtocolFilter.Tcp,
            TcpFlags = (byte)TcpFlags.PSH,
            PacketLength = (20, 100),
        };

        Assert.True(Matches(options, Http));
        Assert.False(Matches(options with { DestinationPort = 81 }, Http));
        Assert.False(Matches(options with { PacketLength = (20, 39) }, Http));
    }
}
