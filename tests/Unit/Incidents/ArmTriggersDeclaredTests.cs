using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Modes.Incidents;
using NetTrace.Host.Session.Options;
using NetTrace.Tests.Unit.Plugins;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>Without --arm-on, a group's events arm a capture exactly when its declared default trigger says so.</summary>
public sealed class ArmTriggersDeclaredTests
{
    private static readonly DropReasonContext Kernel = new();

    private static ArmTriggers Triggers(params TraceGroup[] groups)
    {
        var catalog = new PluginCatalog();
        foreach (var group in groups)
            catalog.AddGroup(group);
        return ArmTriggers.Create(new ArmOptions([], null, null, null, null), catalog);
    }

    [Fact]
    public void Match_VendorGroupWithATrigger_ArmsWithItsReason()
    {
        var vendor = FakeGroups.Own("acme", 0x4141, "acme_overrun") with
        {
            DefaultArmTrigger = (ev, _) => ev.Fields.Any(f => f.Key == "lost") ? $"{ev.Trace} lost data" : null,
        };
        var triggers = Triggers(vendor);

        Assert.Equal("acme_overrun lost data", triggers.Match("acme", new FakeEvent("acme_overrun", null, new KeyValuePair<string, object?>("lost", 3)), Kernel));
        Assert.Null(triggers.Match("acme", new FakeEvent("acme_overrun"), Kernel));
    }

    [Fact]
    public void Match_GroupWithoutATrigger_NeverArms()
    {
        var triggers = Triggers(FakeGroups.Own("acme", 0x4141, "acme_reset"));

        // A reset in a trace's name arms only for the group that says so (sock), not for anyone's.
        Assert.Null(triggers.Match("acme", new FakeEvent("acme_reset"), Kernel));
        Assert.Null(triggers.Match("unknown", new FakeEvent("tcp_send_reset"), Kernel));
    }
}
