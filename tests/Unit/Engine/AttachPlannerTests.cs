using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Errors;

namespace NetTrace.Tests.Unit.Engine;

public class AttachPlannerTests
{
    private static TraceSelection Select(params string[] traces) =>
        TraceSelection.From(traces, [], FakeCatalog.Build());

    [Fact]
    public void Plan_KprobeKernel_HooksFunctionsByTheirRealSymbol()
    {
        var plan = AttachPlanner.Plan(Select(), FakeCatalog.WithKprobes(), showReturn: false);

        var core = Assert.Single(plan.Hooks, h => h.Trace.Name == "ip_rcv_core");
        Assert.Equal("ip_rcv_core.isra.0", core.Point);
        Assert.Equal(AttachKind.Kprobe, core.Target.Kind);
        Assert.False(core.WithReturn);
        var netif = Assert.Single(plan.Hooks, h => h.Trace.Name == "__netif_receive_skb_core");
        Assert.True(netif.IsFunction);
    }

    [Fact]
    public void Plan_TracepointOnlyKernel_FallsBackToTracepointsAndSaysWhy()
    {
        var plan = AttachPlanner.Plan(Select(), FakeCatalog.TracepointsOnly(), showReturn: false);

        var netif = Assert.Single(plan.Hooks, h => h.Trace.Name == "__netif_receive_skb_core");
        Assert.Equal("netif_receive_skb", netif.Point);
        Assert.Equal("raw_tp", netif.Method);
        var ipRcv = Assert.Single(plan.Skipped, s => s.Trace.Name == "ip_rcv");
        Assert.Contains("no kprobe support", ipRcv.Reason);
        Assert.False(ipRcv.Absent);
        Assert.Contains(plan.Hooks, h => h.Trace.Name == "kfree_skb" && h.Target.Program == AttachPlanner.KfreeProgram);
    }

    [Fact]
    public void Plan_FunctionMissingFromKernel_IsSkippedAsAbsent()
    {
        var plan = AttachPlanner.Plan(Select("ip_rcv", "napi_gro_receive_entry"), FakeCatalog.WithKprobes(false, "napi_gro_receive_entry"), false);

        var missing = Assert.Single(plan.Skipped);
        Assert.Equal("napi_gro_receive_entry", missing.Trace.Name);
        Assert.True(missing.Absent);
        Assert.Contains("no such tracepoint", missing.Reason);
    }

    [Fact]
    public void Plan_SkbBeyondArgumentFour_IsSkipped()
    {
        var plan = AttachPlanner.Plan(Select("far_arg"), FakeCatalog.WithKprobes(), false);

        Assert.Contains("beyond", Assert.Single(plan.Skipped).Reason);
    }

    [Fact]
    public void Plan_ShowReturn_AddsReturnProbeOnlyWhereTheReturnMeansSomething()
    {
        var plan = AttachPlanner.Plan(Select("ip-in"), FakeCatalog.WithKprobes(), showReturn: true);

        var route = Assert.Single(plan.Hooks, h => h.Trace.Name == "ip_route_input_slow");
        Assert.True(route.WithReturn);
        Assert.Equal(EngineCookie.Return, (EngineCookie)route.Cookie & EngineCookie.Return);
        Assert.False(Assert.Single(plan.Hooks, h => h.Trace.Name == "ip_rcv").WithReturn);
    }

    [Fact]
    public void Plan_Clone_AlwaysGetsAReturnProbeWithTheCloneFlag()
    {
        var plan = AttachPlanner.Plan(Select("skb_clone"), FakeCatalog.WithKprobes(), showReturn: false);

        var clone = Assert.Single(plan.Hooks);
        Assert.True(clone.WithReturn);
        Assert.Equal(EngineCookie.Clone, (EngineCookie)clone.Cookie & (EngineCookie.Clone | EngineCookie.Return));
    }

    [Fact]
    public void Plan_Cookie_CarriesTraceIdFreeAndStackBits()
    {
        var catalog = FakeCatalog.Build();
        var selection = TraceSelection.From(["life"], ["consume_skb"], catalog);
        var plan = AttachPlanner.Plan(selection, FakeCatalog.WithKprobes(), false);

        var consume = Assert.Single(plan.Hooks, h => h.Trace.Name == "consume_skb");
        Assert.Equal(consume.Trace.Id, (ushort)(consume.Cookie & (ulong)EngineCookie.TraceMask));
        Assert.Equal(EngineCookie.Free | EngineCookie.Stack, (EngineCookie)consume.Cookie & (EngineCookie.Free | EngineCookie.Stack));
    }

    [Fact]
    public void Select_Default_TakesDefaultOnTracesOnly()
    {
        var selection = Select();

        Assert.DoesNotContain(selection.Traces, t => t.Name == "ip_quiet");
        Assert.Contains(selection.Traces, t => t.Name == "ip_rcv");
    }

    [Fact]
    public void Select_GroupName_TakesEveryTraceOfTheGroup()
    {
        Assert.Contains(Select("ip-in").Traces, t => t.Name == "ip_quiet");
    }

    [Fact]
    public void Select_UnknownName_FailsWithOneLine()
    {
        var e = Assert.Throws<UsageException>(() => Select("ip_rvc"));
        Assert.Equal("unknown trace or group 'ip_rvc' (nettrace -t ? lists them)", e.Message);
    }

    [Fact]
    public void Select_TraceStack_EnablesThoseTraces()
    {
        var selection = TraceSelection.From(["ip_rcv"], ["consume_skb"], FakeCatalog.Build());

        Assert.Contains(selection.Traces, t => t.Name == "consume_skb");
        Assert.Single(selection.Stacked);
    }

    [Fact]
    public void Slots_KfreeGetsTheLastSlotAndOthersFillFromZero()
    {
        var plan = AttachPlanner.Plan(Select("life", "link-in"), FakeCatalog.TracepointsOnly(), false);
        var slots = TracepointSlots.Assign(plan.Hooks.Where(h => !h.IsFunction), out var unplaced);

        Assert.Empty(unplaced);
        Assert.Equal(TracepointSlots.KfreeSlot, Assert.Single(slots, s => s.Hook.Trace.Name == "kfree_skb").Slot);
        Assert.Equal(AttachPlanner.KfreeProgram, TracepointSlots.Program(slots.Single(s => s.Hook.Trace.Name == "kfree_skb").Hook, TracepointSlots.KfreeSlot));
        Assert.Equal(Enumerable.Range(0, slots.Count - 1), slots.Where(s => s.Hook.Trace.Name != "kfree_skb").Select(s => s.Slot).Order());
    }
}
