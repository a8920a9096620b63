using System.Net;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Modes.Incidents;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Incidents;

public sealed class FlowKeyNarrowTests
{
    private static readonly SessionOptions Monitor = new()
    {
        Mode = TraceMode.Monitor,
        AnyAddress = IPAddress.Parse("10.9.9.9"),
        AnyPort = 8080,
        Netns = 4026531840,
        Json = true,
        Count = 100,
        OutputPath = "/tmp/monitor.out",
        PcapPath = "/tmp/monitor.pcapng",
        RecordPath = "/tmp/monitor.ntrec",
        TcpFlags = (byte)TcpFlags.SYN,
        Arm = new ArmOptions([], null, null, null, null),
    };

    [Fact]
    public void Narrow_TcpFlow_DiagnosesExactlyThatFlow()
    {
        var flow = new FlowKey(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), IpProtocols.Tcp, 40000, 80);

        var narrowed = flow.Narrow(Monitor);

        Assert.Equal(TraceMode.Diagnose, narrowed.Mode);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), narrowed.SourceAddress);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), narrowed.DestinationAddress);
        Assert.Equal((ushort)40000, narrowed.SourcePort);
        Assert.Equal((ushort)80, narrowed.DestinationPort);
        Assert.Equal(ProtocolFilter.Tcp, narrowed.Protocol);
        Assert.Equal(0, narrowed.TcpFlags);
    }

    [Fact]
    public void Narrow_DropsTheMonitorsOwnOutputsAndWideFilters()
    {
        var flow = new FlowKey(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), IpProtocols.Tcp, 40000, 80);

        var narrowed = flow.Narrow(Monitor);

        Assert.Null(narrowed.AnyAddress);
        Assert.Null(narrowed.AnyPort);
        Assert.False(narrowed.Json);
        Assert.Null(narrowed.Arm);
        Assert.Null(narrowed.RecordPath);
        Assert.Null(narrowed.OutputPath);
        Assert.Null(narrowed.PcapPath);
        Assert.Null(narrowed.Count);
    }

    [Fact]
    public void Narrow_KeepsTheMonitorsNamespace()
    {
        var flow = new FlowKey(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), IpProtocols.Tcp, 40000, 80);

        Assert.Equal(4026531840u, flow.Narrow(Monitor).Netns);
    }

    [Fact]
    public void Narrow_IcmpFlow_NoPortsAndIcmpProtocol()
    {
        var flow = new FlowKey(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), IpProtocols.Icmp, null, null);

        var narrowed = flow.Narrow(Monitor);

        Assert.Null(narrowed.SourcePort);
        Assert.Null(narrowed.DestinationPort);
        Assert.Equal(ProtocolFilter.Icmp, narrowed.Protocol);
    }

    [Fact]
    public void Narrow_Result_IsValidDiagSession()
    {
        var flow = new FlowKey(IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"), IpProtocols.Udp, 5353, 53);

        Assert.Null(SessionOptionsRules.Check(flow.Narrow(Monitor), CliFeatures.Current));
    }
}
