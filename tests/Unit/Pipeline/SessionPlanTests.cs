using System.Runtime.InteropServices;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Options;
using NetTrace.Plugins.Sock;
using NetTrace.Tests.Unit.Incidents;
using NetTrace.Tests.Unit.Plugins;

namespace NetTrace.Tests.Unit.Pipeline;

/// <summary>What the session plan loads for each mode: the groups that declare they serve it, and their .rodata.</summary>
public sealed class SessionPlanTests
{
    private static PluginCatalog Catalog(params TraceGroup[] groups)
    {
        var catalog = new PluginCatalog();
        foreach (var group in groups)
            catalog.AddGroup(group);
        return catalog;
    }

    private static IReadOnlyList<GroupLoadRequest> Plan(PluginCatalog catalog, SessionOptions options) =>
        SessionPlan.Build(options, catalog, currentNetns: null);

    [Fact]
    public void Build_SockModeWithRttFilters_WritesTheSockConfigInMicroseconds()
    {
        var catalog = new PluginCatalog();
        new SockPlugin().Register(catalog);
        var options = new SessionOptions { Mode = TraceMode.Sock, TcpRttMs = 5, TcpSrttMs = 7 };

        var plan = Plan(catalog, options);

        var write = Assert.Single(Assert.Single(plan).Rodata);
        Assert.Equal(NtSockConfig.VariableName, write.Variable);
        Assert.Equal([0x88, 0x13, 0, 0, 0x58, 0x1b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], write.Value); // 5000 and 7000, little-endian; not --monitor, not --rtt
        var config = MemoryMarshal.Read<NtSockConfig>(write.Value);
        Assert.Equal((5000u, 7000u), (config.MinRttMicroseconds, config.MinSrttMicroseconds));
    }

    [Fact]
    public void Build_Rtt_OneTraceFallingBackToTcpProbeAndTheHistogramSwitch()
    {
        var catalog = new PluginCatalog();
        new SockPlugin().Register(catalog);

        var request = Assert.Single(Plan(catalog, new SessionOptions { Mode = TraceMode.Sock, RttHistogram = true, TcpSrttMs = 1 }));

        var trace = Assert.Single(request.Traces);
        Assert.Equal([(AttachKind.Kprobe, "tcp_ack_update_rtt"), (AttachKind.RawTracepoint, "tcp_probe")], trace.Targets.Select(t => (t.Kind, t.Target)));
        var config = MemoryMarshal.Read<NtSockConfig>(Assert.Single(request.Rodata).Value);
        Assert.Equal((1u, 1000u), (config.RttHistogram, config.MinSrttMicroseconds));
    }

    [Fact]
    public void Build_SockWithUpstreamGroupNames_TheirTracesThatThisCatalogueHas()
    {
        var catalog = new PluginCatalog();
        new SockPlugin().Register(catalog);

        var plan = Plan(catalog, new SessionOptions { Mode = TraceMode.Sock, Traces = ["tcp-retrans", "tcp_v4_destroy_sock"] });

        Assert.Equal(["tcp_rtx_synack", "tcp_retransmit_skb", "tcp_rcv_spurious_retrans", "tcp_dsack_set", "tcp_destroy_sock"], Assert.Single(plan).Traces.Select(t => t.Name));
        var all = Plan(catalog, new SessionOptions { Mode = TraceMode.Sock, Traces = ["all"] });
        Assert.Equal(catalog.Groups.Single(g => g.Name == "sock").Traces.Count, Assert.Single(all).Traces.Count);
        var e = Assert.Throws<NetTrace.Host.Errors.UsageException>(() => Plan(catalog, new SessionOptions { Mode = TraceMode.Sock, Traces = ["tcp-nothing"] }));
        Assert.StartsWith("unknown sock trace 'tcp-nothing'", e.Message);
    }

    [Fact]
    public void Build_MonitorWithBuiltInPlugins_EveryDropAndTheAbnormalSocketEvents()
    {
        var plan = Plan(BuiltInPlugins.Catalog(), new SessionOptions { Mode = TraceMode.Monitor });

        Assert.Equal(["drop", "sock"], plan.Select(r => r.Group.Name));
        Assert.Equal(["kfree_skb"], plan[0].Traces.Select(t => t.Name));
        Assert.Equal(["tcp_rcv_state_process", "tcp_retransmit_timer", "tcp_enter_loss", "tcp_retransmit_skb", "tcp_send_active_reset", "tcp_send_reset",
            "tcp_receive_reset"], plan[1].Traces.Select(t => t.Name));
        var write = Assert.Single(plan[1].Rodata);
        Assert.Equal(NtSockConfig.VariableName, write.Variable);
        // tcp_rcv_state_process leaves the kernel only on a listener whose accept queue is full.
        Assert.Equal(1u, MemoryMarshal.Read<NtSockConfig>(write.Value).FullListenersOnly);
        Assert.All(plan, r => Assert.False(r.Stacks));
    }

    [Fact]
    public void Build_MonitorWithAnRttFilter_AddsTheRttTraces()
    {
        var plan = Plan(BuiltInPlugins.Catalog(), new SessionOptions { Mode = TraceMode.Monitor, TcpSrttMs = 100 });

        var sock = Assert.Single(plan, r => r.Group.Name == "sock");
        Assert.Contains(sock.Traces, t => t.Name == "tcp_ack_update_rtt");
        Assert.Contains(sock.Traces, t => t.Name == SockCatalogue.RttProbe);
        Assert.Equal(9, sock.Traces.Count);
    }

    [Fact]
    public void Build_MonitorWithAVendorGroupServingIt_PlansTheTracesItPicks()
    {
        var vendor = FakeGroups.Own("acme-drops", 0x4141, "acme_a", "acme_b", "acme_c") with
        {
            Serves = new() { Monitor = MonitorTraces.Named("acme_a", "acme_c") },
        };
        var quiet = FakeGroups.Own("acme-quiet", 0x4142, "acme_q");

        var plan = Plan(Catalog(vendor, quiet), new SessionOptions { Mode = TraceMode.Monitor });

        var request = Assert.Single(plan);
        Assert.Same(vendor, request.Group);
        Assert.Equal(["acme_a", "acme_c"], request.Traces.Select(t => t.Name));
        Assert.Empty(request.Rodata);
    }

    [Fact]
    public void Build_MonitorSelection_ReadsTheSessionSettings()
    {
        var vendor = FakeGroups.Own("acme", 0x4141, "always", "rtt_only") with
        {
            Serves = new() { Monitor = (trace, session) => trace.Name == "always" || session.TcpRttMs is not null },
        };

        Assert.Equal(["always"], Assert.Single(Plan(Catalog(vendor), new SessionOptions { Mode = TraceMode.Monitor })).Traces.Select(t => t.Name));
        Assert.Equal(["always", "rtt_only"],
            Assert.Single(Plan(Catalog(vendor), new SessionOptions { Mode = TraceMode.Monitor, TcpRttMs = 1 })).Traces.Select(t => t.Name));
    }

    [Fact]
    public void Build_Drop_RunsWhicheverGroupServesIt_WithStacksOnRequest()
    {
        var vendor = FakeGroups.Own("acme-frees", 0x4141, "acme_free") with { Serves = new() { Drop = true } };

        var request = Assert.Single(Plan(Catalog(vendor), new SessionOptions { Mode = TraceMode.Drop, DropStack = true }));

        Assert.Same(vendor, request.Group);
        Assert.True(request.Stacks);
        Assert.False(SessionPlan.IsOwnGroup(vendor)); // --drop runs it, not -t
    }

    [Theory]
    [InlineData("--drop")]
    [InlineData("--sock")]
    [InlineData("--monitor")]
    public void Build_NoGroupServesTheMode_RefusedNamingIt(string flag)
    {
        var mode = flag switch { "--drop" => TraceMode.Drop, "--sock" => TraceMode.Sock, _ => TraceMode.Monitor };
        var e = Assert.Throws<PluginException>(() => Plan(Catalog(FakeGroups.Own("acme", 0x4141, "acme_a")), new SessionOptions { Mode = mode }));

        Assert.StartsWith($"{flag} needs a plugin that serves it, none is installed in ", e.Message);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void Build_OwnGroupWithConfig_WritesItsRodataFromTheSettings()
    {
        var vendor = FakeGroups.Own("acme", 0x4141, "acme_a") with
        {
            Config = new RodataConfig("acme_cfg", session => [(byte)session.Traces.Count, (byte)(session.TcpRttMs ?? 0)]),
        };

        var request = Assert.Single(Plan(Catalog(vendor), new SessionOptions { Traces = ["acme"] }));

        var write = Assert.Single(request.Rodata);
        Assert.Equal("acme_cfg", write.Variable);
        Assert.Equal([1, 0], write.Value);
    }
}
