using NetTrace.Abstractions.Rules;
using NetTrace.Host.Modes.Incidents;
using NetTrace.Host.Session.Options;
using NetTrace.Rules;
using NetTrace.Tests.Unit.Lifecycle;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>Without --arm-on: a drop with a reason, a TCP reset and a packet-path ERROR arm a capture.</summary>
public sealed class ArmTriggersDefaultTests
{
    private static readonly ArmTriggers Triggers = ArmTriggers.Create(new ArmOptions([], null, null, null, null), BuiltInPlugins.Catalog());
    private static readonly DropReasonContext Kernel = new();

    [Fact]
    public void Match_Drop_NamesReasonAndLocation()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), DropReasonContext.NoSocket, DropReasonContext.TcpV4Rcv);

        Assert.Equal("kfree_skb NO_SOCKET at tcp_v4_rcv+0x1a0", Triggers.Match("drop", drop, Kernel));
    }

    [Fact]
    public void Match_CatchAllNotSpecifiedDrop_DoesNotArm()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), DropReasonContext.NotSpecified, DropReasonContext.TcpV4Rcv);

        Assert.Null(Triggers.Match("drop", drop, Kernel));
    }

    [Fact]
    public void Match_DropOnKernelWithoutReasons_StillArms()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), 0);

        Assert.Equal("kfree_skb dropped", Triggers.Match("drop", drop, new DropReasonContext(hasDropReasons: false)));
    }

    [Theory]
    [InlineData("tcp_send_reset")]
    [InlineData("tcp_receive_reset")]
    [InlineData("tcp_send_active_reset")]
    public void Match_ResetTrace_Arms(string trace)
    {
        var reset = MonitorEvents.Sock(trace, "10.0.0.1", 22, "10.0.0.2", 50000);

        Assert.Equal(trace, Triggers.Match("sock", reset, Kernel));
    }

    [Theory]
    [InlineData("tcp_ack_update_rtt")]
    [InlineData("tcp_retransmit_timer")]
    public void Match_OtherSocketEvent_DoesNotArm(string trace)
    {
        Assert.Null(Triggers.Match("sock", MonitorEvents.Sock(trace, "10.0.0.1", 22, "10.0.0.2", 50000), Kernel));
    }

    [Fact]
    public void MatchFinding_WithAnErrorRule_ArmsWithItsMessage()
    {
        var hit = SkbHits.Hit(1m, 0xff01, "nft_do_chain", FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2));
        CompiledRule error = new("nft_drop", "netfilter.rules", 3, FindingLevel.Error, "packet is dropped by iptables", null, ["nft_do_chain"], null, _ => true);

        Assert.Equal("nft_do_chain: packet is dropped by iptables", Triggers.MatchFinding(hit, [error], Kernel));
    }

    [Fact]
    public void MatchFinding_NoAbnormalRule_DoesNotArm()
    {
        var hit = SkbHits.Hit(1m, 0xff01, "ip_rcv", FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2));

        Assert.Null(Triggers.MatchFinding(hit, [], Kernel));
    }
}
