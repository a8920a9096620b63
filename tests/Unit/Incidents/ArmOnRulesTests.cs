using NetTrace.Host.Errors;
using NetTrace.Host.Modes.Incidents;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>--arm-on: rules compiled like any .rules file (in a private cache directory), evaluated on monitor events.</summary>
public sealed class ArmOnRulesTests(ArmOnCache cache) : IClassFixture<ArmOnCache>
{
    private const string NoSocketRule = "kfree_skb when reason == \"NO_SOCKET\"";

    private static ArmTriggers Create(params string[] on) => ArmTriggers.Create(new ArmOptions(on, null, null, null, null), BuiltInPlugins.Catalog());

    [Fact]
    public void Match_DropWithTheNamedReason_ArmsAndQuotesTheRule()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), DropReasonContext.NoSocket);

        Assert.Equal($"kfree_skb matches --arm-on '{NoSocketRule}'", Create(NoSocketRule).Match("drop", drop, new DropReasonContext()));
    }

    [Fact]
    public void Match_DropWithAnotherReason_DoesNotArm()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), DropReasonContext.NetfilterDrop);

        Assert.Null(Create(NoSocketRule).Match("drop", drop, new DropReasonContext()));
    }

    [Fact]
    public void Match_KernelWithoutReasonNames_DoesNotArm()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), DropReasonContext.NoSocket);

        Assert.Null(Create(NoSocketRule).Match("drop", drop, new DropReasonContext(hasDropReasons: false)));
    }

    [Fact]
    public void Match_BareTarget_ArmsOnEveryDropEvenTheCatchAll()
    {
        var drop = MonitorEvents.Drop(FlowPackets.Tcp("10.0.0.1", 1, "10.0.0.2", 2), DropReasonContext.NotSpecified);

        Assert.Equal("kfree_skb matches --arm-on 'kfree_skb'", Create("kfree_skb").Match("drop", drop, new DropReasonContext()));
    }

    [Fact]
    public void Match_WithArmOn_DefaultTriggersAreOff()
    {
        var reset = MonitorEvents.Sock("tcp_send_reset", "10.0.0.1", 22, "10.0.0.2", 50000);

        Assert.Null(Create(NoSocketRule).Match("sock", reset, new DropReasonContext()));
    }

    [Fact]
    public void Match_SecondRuleMatches_QuotesTheSecond()
    {
        const string rtt = "tcp_ack_update_rtt when rtt > 100";
        var triggers = Create(NoSocketRule, rtt);

        Assert.Equal($"tcp_ack_update_rtt matches --arm-on '{rtt}'",
            triggers.Match("sock", MonitorEvents.Sock("tcp_ack_update_rtt", "10.0.0.1", 22, "10.0.0.2", 50000, rttUs: 250_000), new DropReasonContext()));
        Assert.Null(triggers.Match("sock", MonitorEvents.Sock("tcp_ack_update_rtt", "10.0.0.1", 22, "10.0.0.2", 50000, rttUs: 50_000), new DropReasonContext()));
    }

    [Fact]
    public void Create_SyntaxError_NamesTheOptionTextAndColumn()
    {
        var e = Assert.Throws<UsageException>(() => Create("kfree_skb when reason = \"NO_SOCKET\""));

        Assert.StartsWith("--arm-on 'kfree_skb when reason = \"NO_SOCKET\"' at column 23: unexpected '='", e.Message);
    }

    [Fact]
    public void Create_UnknownTrace_NamesTheOptionTextAndColumn()
    {
        var e = Assert.Throws<UsageException>(() => Create("kfree_skbb when reason == \"NO_SOCKET\""));

        Assert.StartsWith("--arm-on 'kfree_skbb when reason == \"NO_SOCKET\"' at column 1: unknown trace 'kfree_skbb'", e.Message);
    }

    [Fact]
    public void Create_ErrorInSecondRule_QuotesTheSecond()
    {
        var e = Assert.Throws<UsageException>(() => Create(NoSocketRule, "tcp_ack when bogus == 1"));

        Assert.Equal("--arm-on 'tcp_ack when bogus == 1' at column 14: unknown field 'bogus'", e.Message);
    }

    [Fact]
    public void Create_SeveralLines_RefusedBeforeCompiling()
    {
        var e = Assert.Throws<UsageException>(() => Create("ip_rcv\nwarn \"a\"\nrule x on kfree_skb"));

        Assert.Equal("--arm-on takes one rule on one line; 'ip_rcv warn \"a\" rule x on kfree_skb' has several", e.Message);
    }

    [Fact]
    public void Create_RuleEndsTooEarly_SaysSoWithoutTheTemplate()
    {
        var e = Assert.Throws<UsageException>(() => Create("kfree_skb when"));

        Assert.StartsWith("--arm-on 'kfree_skb when' at its end: unexpected end of rule;", e.Message);
        Assert.DoesNotContain("warn", e.Message);
    }

    [Fact]
    public void Create_CompiledRulesGoToTheCacheDirectory()
    {
        Create(NoSocketRule);

        Assert.NotEmpty(Directory.GetFiles(cache.Directory, "*", SearchOption.AllDirectories));
    }
}
