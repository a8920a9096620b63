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

    [Fact]
    public void Slots_QdiscTracepointsGetTheirOwnSlotsBesideKfree()
    {
        var plan = AttachPlanner.Plan(Select("life", "sched"), FakeCatalog.TracepointsOnly(), false);
        var slots = TracepointSlots.Assign(plan.Hooks.Where(h => !h.IsFunction), out var unplaced);

        Assert.Empty(unplaced);
        var enqueue = Assert.Single(slots, s => s.Hook.Trace.Name == "qdisc_enqueue");
        var dequeue = Assert.Single(slots, s => s.Hook.Trace.Name == "qdisc_dequeue");
        Assert.Equal(AttachPlanner.QdiscEnqueueProgram, TracepointSlots.Program(enqueue.Hook, enqueue.Slot));
        Assert.Equal(AttachPlanner.QdiscDequeueProgram, TracepointSlots.Program(dequeue.Hook, dequeue.Slot));
        Assert.Equal(3, slots.Select(s => s.Slot).Where(s => s >= TracepointSlots.GenericSlots).Distinct().Count());
        Assert.All(slots.Where(s => s.Hook.Target.IsGeneric), s => Assert.InRange(s.Slot, 0, TracepointSlots.GenericSlots - 1));
    }

    [Fact]
    public void Plan_GenericTracepointWithSkbBeyondArgumentZero_IsRefusedWithTheReason()
    {
        var plan = AttachPlanner.Plan(Select("sched"), FakeCatalog.TracepointsOnly(), false);

        var skipped = Assert.Single(plan.Skipped, s => s.Trace.Name == "tp_skb_third");
        Assert.Contains("read the skb from argument 0, not 2", skipped.Reason);
    }

    [Fact]
    public void Plan_SkbThroughPointer_MarksTheCookie()
    {
        var plan = AttachPlanner.Plan(Select("sched"), FakeCatalog.WithKprobes(), false);

        var vlan = Assert.Single(plan.Hooks, h => h.Trace.Name == "vlan_do_receive");
        Assert.NotEqual(0UL, vlan.Cookie & (ulong)EngineCookie.SkbPointer);
        Assert.All(plan.Hooks.Where(h => h.Trace.Name != "vlan_do_receive"), h => Assert.Equal(0UL, h.Cookie & (ulong)EngineCookie.SkbPointer));
    }

    [Fact]
    public void Plan_SocketBeforeTheSkb_PassesItToTheEngine()
    {
        var catalog = new TraceCatalog(
        [
            TraceGroup.Generic("tcp-out", "tcp transmit",
            [
                new TraceSpec("tcp_skb_entail", [AttachTarget.Function("tcp_skb_entail")]) { SkbArg = 1, SockArg = 0 },
                new TraceSpec("ip_rcv", [AttachTarget.Function("ip_rcv")]) { SkbArg = 0 },
            ]),
        ]);
        var kernel = FakeCatalog.WithKprobes() with
        {
            Functions = new Dictionary<string, NetTrace.Host.Kernel.KernelFunction>
            {
                ["tcp_skb_entail"] = new("tcp_skb_entail", "tcp_skb_entail", 0xffffffff81000100UL),
                ["ip_rcv"] = new("ip_rcv", "ip_rcv", 0xffffffff81000200UL),
            },
        };

        var plan = AttachPlanner.Plan(TraceSelection.From(["tcp-out"], [], catalog), kernel, false);

        Assert.NotEqual(0UL, Assert.Single(plan.Hooks, h => h.Trace.Name == "tcp_skb_entail").Cookie & (ulong)EngineCookie.SockArg0);
        Assert.Equal(0UL, Assert.Single(plan.Hooks, h => h.Trace.Name == "ip_rcv").Cookie & (ulong)EngineCookie.SockArg0);
    }

    [Fact]
    public void Select_ASockModeTrace_SaysWhichModeTracesIt()
    {
        var catalog = new TraceCatalog(
        [
            .. FakeCatalog.Build().Groups,
            new TraceGroup("sock", 9, null, [new TraceSpec("tcp_sendmsg_locked", [new AttachTarget(AttachKind.Kprobe, "nt_sock_x", "tcp_sendmsg_locked")])], [], null, null)
            {
                ModeOnly = true,
                Serves = new ServedModes { Sock = true },
            },
        ]);

        Assert.Null(catalog.Expand(["tcp_sendmsg_locked"], out string? error));
        Assert.Equal("'tcp_sendmsg_locked' is not on a packet's path: it is traced with --sock (nettrace --sock -t tcp_sendmsg_locked)", error);
    }
}
