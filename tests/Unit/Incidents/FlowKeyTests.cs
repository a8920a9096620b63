using System.Net;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Modes.Incidents;

namespace NetTrace.Tests.Unit.Incidents;

public sealed class FlowKeyTests
{
    [Fact]
    public void Of_TcpPacket_TakesAddressesPortsAndProtocolInItsDirection()
    {
        var flow = FlowKey.Of(MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 40000, "10.0.0.2", 80), 2));

        Assert.Equal(new FlowKey(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), IpProtocols.Tcp, 40000, 80), flow);
    }

    [Fact]
    public void Of_IcmpPacket_HasNoPorts()
    {
        var flow = FlowKey.Of(MonitorEvents.Drop(FlowPackets.Ping("10.0.0.1", "10.0.0.2"), 2));

        Assert.NotNull(flow);
        Assert.Equal(IpProtocols.Icmp, flow.Protocol);
        Assert.Null(flow.SourcePort);
        Assert.Null(flow.DestinationPort);
    }

    [Fact]
    public void Of_ArpPacket_IsNoFlow()
    {
        Assert.Null(FlowKey.Of(MonitorEvents.Drop(FlowPackets.Arp("10.0.0.1", "10.0.0.2"), 2)));
    }

    [Fact]
    public void Of_NonIpPacket_IsNoFlow()
    {
        Assert.Null(FlowKey.Of(new FakeEvent("x", new PacketInfo { EtherType = 0x88cc })));
    }

    [Fact]
    public void Of_SocketEvent_TakesTheTupleFromItsFieldsAsTcp()
    {
        var flow = FlowKey.Of(MonitorEvents.Sock("tcp_send_reset", "192.168.1.5", 22, "192.168.1.9", 51000));

        Assert.Equal(new FlowKey(IPAddress.Parse("192.168.1.5"), IPAddress.Parse("192.168.1.9"), IpProtocols.Tcp, 22, 51000), flow);
    }

    [Fact]
    public void Of_EventWithoutPacketOrTuple_IsNoFlow()
    {
        Assert.Null(FlowKey.Of(new FakeEvent("tcp_send_reset", null, new("saddr", "10.0.0.1"), new("daddr", "10.0.0.2"))));
        Assert.Null(FlowKey.Of(new FakeEvent("x")));
    }

    [Fact]
    public void Of_SamePacketTwice_IsEqualFlow()
    {
        var a = FlowKey.Of(MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), 2));
        var b = FlowKey.Of(MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2, TcpFlags.RST), 7));

        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
    }

    [Fact]
    public void ToString_WithPorts_ShowsEndpoints()
    {
        var flow = new FlowKey(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), IpProtocols.Udp, 5353, 53);

        Assert.Equal("UDP 10.0.0.1:5353 -> 10.0.0.2:53", flow.ToString());
    }

    [Fact]
    public void ToString_IPv6_BracketsAddresses()
    {
        var flow = FlowKey.Of(MonitorEvents.Drop(FlowPackets.Tcp6("2001:db8::1", 40000, "2001:db8::2", 443), 2))!;

        Assert.Equal("TCP [2001:db8::1]:40000 -> [2001:db8::2]:443", flow.ToString());
    }

    [Fact]
    public void ToString_WithoutPorts_ShowsAddressesOnly()
    {
        var flow = FlowKey.Of(MonitorEvents.Drop(FlowPackets.Ping("10.0.0.1", "10.0.0.2"), 2))!;

        Assert.Equal("ICMP 10.0.0.1 -> 10.0.0.2", flow.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.2", "TCP_10.0.0.1_40000-to-10.0.0.2_80")]
    [InlineData("2001:db8::1", "2001:db8::2", "TCP__2001_db8__1__40000-to-_2001_db8__2__80")]
    public void FileName_OnlyLettersDigitsDotsDashesAndUnderscores(string source, string destination, string expected)
    {
        var flow = new FlowKey(IPAddress.Parse(source), IPAddress.Parse(destination), IpProtocols.Tcp, 40000, 80);

        string name = flow.FileName();

        Assert.Equal(expected, name);
        Assert.Matches("^[A-Za-z0-9._-]+$", name);
    }
}
