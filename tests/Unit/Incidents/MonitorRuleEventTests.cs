using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Session.Diagnosis;

namespace NetTrace.Tests.Unit.Incidents;

public sealed class MonitorRuleEventTests
{
    private static readonly DropReasonContext Kernel = new();
    private static readonly TraceGroup Drop = BuiltInPlugins.Catalog().Find("drop")!;
    private static readonly TraceGroup Sock = BuiltInPlugins.Catalog().Find("sock")!;

    private static string? Text(MonitorRuleEvent view, string field) => view.TryGetText(field, out string value) ? value : null;

    private static long? Number(MonitorRuleEvent view, string field) => view.TryGetNumber(field, out long value) ? value : null;

    [Fact]
    public void Drop_ReasonIsTheKernelsName()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Drop(null, DropReasonContext.NetfilterDrop), Drop, Kernel);

        Assert.Equal("NETFILTER_DROP", Text(view, "reason"));
        Assert.Equal("kfree_skb", view.Trace);
        Assert.Equal("drop", view.Group);
    }

    [Fact]
    public void Drop_KernelWithoutReasons_HasNoReason()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Drop(null, DropReasonContext.NoSocket), Drop, new DropReasonContext(hasDropReasons: false));

        Assert.Null(Text(view, "reason"));
    }

    [Fact]
    public void Drop_LocationIsSymbolised_LocationFuncWithoutOffset()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Drop(null, DropReasonContext.NoSocket, DropReasonContext.TcpV4Rcv), Drop, Kernel);

        Assert.Equal("tcp_v4_rcv+0x1a0", Text(view, "location"));
        Assert.Equal("tcp_v4_rcv", Text(view, "location_func"));
    }

    [Fact]
    public void Drop_UnknownLocation_HasNone()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Drop(null, DropReasonContext.NoSocket, location: 0), Drop, Kernel);

        Assert.Null(Text(view, "location"));
        Assert.Null(Text(view, "location_func"));
    }

    [Fact]
    public void Drop_TcpPacket_FlagsAreLetters()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2, TcpFlags.SYN), DropReasonContext.NoSocket);

        Assert.Equal("S", Text(new MonitorRuleEvent(drop, Drop, Kernel), "flags"));
    }

    [Fact]
    public void Sock_StateIsItsName()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Sock("tcp_send_reset", "10.0.0.1", 22, "10.0.0.2", 50000, state: 10), Sock, Kernel);

        Assert.Equal("LISTEN", Text(view, "state"));
        Assert.Null(Text(view, "flags"));
    }

    [Fact]
    public void Sock_RttAndSrtt_InMilliseconds()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Sock("tcp_ack_update_rtt", "10.0.0.1", 22, "10.0.0.2", 50000, rttUs: 12_345, srttUs: 40_999), Sock, Kernel);

        Assert.Equal(12, Number(view, "rtt"));
        Assert.Equal(40, Number(view, "srtt"));
    }

    [Fact]
    public void Sock_NumberFieldByItsOwnName()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Sock("tcp_ack", "10.0.0.1", 22, "10.0.0.2", 50000), Sock, Kernel);

        Assert.Equal(50000, Number(view, "dport"));
        Assert.Equal("10.0.0.2", Text(view, "daddr"));
    }

    [Fact]
    public void Sock_DropOnlyFields_AreAbsent()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Sock("tcp_ack", "10.0.0.1", 22, "10.0.0.2", 50000), Sock, Kernel);

        Assert.Null(Text(view, "reason"));
        Assert.Null(Text(view, "location"));
        Assert.Null(Number(view, "ret"));
    }

    [Fact]
    public void TextField_IsNotANumber_AndNumberIsNotText()
    {
        var view = new MonitorRuleEvent(MonitorEvents.Sock("tcp_ack", "10.0.0.1", 22, "10.0.0.2", 50000), Sock, Kernel);

        Assert.Null(Number(view, "state"));
        Assert.Null(Text(view, "sport"));
    }
}
