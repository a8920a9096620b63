using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Kernel;

namespace NetTrace.Tests.Unit.Engine;

/// <summary>A small catalogue and fake kernels for planning tests.</summary>
internal static class FakeCatalog
{
    public static TraceCatalog Build() => new(
    [
        TraceGroup.Generic("ip-in", "ip receive",
        [
            new TraceSpec("ip_rcv", [AttachTarget.Function("ip_rcv")]) { SkbArg = 0 },
            new TraceSpec("ip_rcv_core", [AttachTarget.Function("ip_rcv_core")]) { SkbArg = 0 },
            new TraceSpec("ip_route_input_slow", [AttachTarget.Function("ip_route_input_slow")]) { SkbArg = 0, NeedsReturn = true },
            new TraceSpec("ip_quiet", [AttachTarget.Function("ip_quiet")]) { SkbArg = 0, DefaultOn = false },
        ]),
        TraceGroup.Generic("link-in", "link receive",
        [
            new TraceSpec("__netif_receive_skb_core", [AttachTarget.Function("__netif_receive_skb_core"), AttachTarget.Tracepoint("netif_receive_skb")]) { SkbArg = 0 },
            new TraceSpec("napi_gro_receive_entry", [AttachTarget.Tracepoint("napi_gro_receive_entry")]) { SkbArg = 0 },
            new TraceSpec("far_arg", [AttachTarget.Function("far_arg")]) { SkbArg = 6 },
        ]),
        TraceGroup.Generic("life", "skb life",
        [
            new TraceSpec("consume_skb", [AttachTarget.Tracepoint("consume_skb")]) { SkbArg = 0, Role = TraceRole.Free },
            new TraceSpec("kfree_skb", [new AttachTarget(AttachKind.RawTracepoint, AttachPlanner.KfreeProgram, "kfree_skb")]) { SkbArg = 0, Role = TraceRole.Free },
            new TraceSpec("skb_clone", [AttachTarget.Function("skb_clone")]) { SkbArg = 0, Role = TraceRole.Clone, NeedsReturn = true },
        ]),
        TraceGroup.Generic("sched", "qdiscs and devices",
        [
            new TraceSpec("qdisc_enqueue", [new AttachTarget(AttachKind.RawTracepoint, AttachPlanner.QdiscEnqueueProgram, "qdisc_enqueue")]) { SkbArg = 2 },
            new TraceSpec("qdisc_dequeue", [new AttachTarget(AttachKind.RawTracepoint, AttachPlanner.QdiscDequeueProgram, "qdisc_dequeue")]) { SkbArg = 3 },
            new TraceSpec("tp_skb_third", [AttachTarget.Tracepoint("tp_skb_third")]) { SkbArg = 2 },
            new TraceSpec("vlan_do_receive", [AttachTarget.Function("vlan_do_receive")]) { SkbArg = 0, SkbByPointer = true },
        ]),
    ]);

    private static readonly string[] Present = ["ip_rcv", "ip_rcv_core", "ip_route_input_slow", "ip_quiet", "__netif_receive_skb_core", "skb_clone", "far_arg", "vlan_do_receive"];

    /// <summary>A kernel with kprobes; ip_rcv_core only exists as a compiler-renamed variant.</summary>
    public static KernelHooks WithKprobes(bool multi = false, params string[] missingTracepoints) => new(
        true,
        multi,
        Present.ToDictionary(n => n, n => new KernelFunction(n, n == "ip_rcv_core" ? "ip_rcv_core.isra.0" : n, 0xffffffff81000000UL + (ulong)n.Length)),
        tp => !missingTracepoints.Contains(tp));

    /// <summary>This project's host: tracepoints only.</summary>
    public static KernelHooks TracepointsOnly() => WithKprobes() with { Kprobes = false, KprobeFailure = "the kernel has no kprobe support" };
}
