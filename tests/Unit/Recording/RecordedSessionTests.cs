using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Session.Recording;
using NetTrace.Tests.Unit.Incidents;

namespace NetTrace.Tests.Unit.Recording;

/// <summary>A recording's header matched against today's plugins: what can be decoded again, and what cannot.</summary>
public sealed class RecordedSessionTests
{
    private static RecordingHeader Header(IReadOnlyList<string> groups, params RecordedHook[] hooks) => new(RecordingFormat.Version,
        "nettrace 0.1.0", "6.1.0-test", "lifecycle", DateTimeOffset.UnixEpoch, 0, groups, hooks);

    [Fact]
    public void From_KnownGroupsAndTraces_AllFound()
    {
        var session = RecordedSession.From(Header(["drop", "sock"], new RecordedHook(9, "ip_rcv", "ip-in", "ip_rcv")), BuiltInPlugins.Catalog());

        Assert.Equal(["drop", "sock"], session.PluginGroups.Select(g => g.Name));
        Assert.Empty(session.UnknownGroups);
        Assert.Empty(session.UnknownTraces);
        Assert.True(session.HasPacketPath);
    }

    [Fact]
    public void From_HookKeepsItsRecordedId()
    {
        var session = RecordedSession.From(Header([], new RecordedHook(900, "ip_rcv", "ip-in", "ip_rcv.isra.0")), BuiltInPlugins.Catalog());

        var hook = Assert.Single(session.Hooks);
        Assert.Equal(900, hook.Trace.Id);
        Assert.Equal("ip_rcv", hook.Trace.Name);
        Assert.Equal("ip_rcv.isra.0", hook.Point);
    }

    [Fact]
    public void From_GroupNoPluginProvides_ReportedAndLeftOut()
    {
        var session = RecordedSession.From(Header(["drop", "quic"]), BuiltInPlugins.Catalog());

        Assert.Equal(["quic"], session.UnknownGroups);
        Assert.Equal(["drop"], session.PluginGroups.Select(g => g.Name));
    }

    [Fact]
    public void From_TraceTodaysCatalogueLacks_ReportedAndLeftOut()
    {
        var session = RecordedSession.From(
            Header([], new RecordedHook(1, "ip_rcv", "ip-in", "ip_rcv"), new RecordedHook(2, "gone_function", "ip-in", "gone_function")),
            BuiltInPlugins.Catalog());

        Assert.Equal(["gone_function"], session.UnknownTraces);
        Assert.Equal("ip_rcv", Assert.Single(session.Hooks).Trace.Name);
    }

    [Fact]
    public void From_NoHooks_NoPacketPath()
    {
        var session = RecordedSession.From(Header(["drop"]), BuiltInPlugins.Catalog());

        Assert.False(session.HasPacketPath);
        Assert.Empty(session.Hooks);
    }

    [Fact]
    public void From_EmptyCatalogue_EverythingUnknown()
    {
        var session = RecordedSession.From(Header(["drop"], new RecordedHook(1, "ip_rcv", "ip-in", "ip_rcv")), new PluginCatalog());

        Assert.Equal(["drop"], session.UnknownGroups);
        Assert.Equal(["ip_rcv"], session.UnknownTraces);
        Assert.False(session.HasPacketPath);
    }
}
