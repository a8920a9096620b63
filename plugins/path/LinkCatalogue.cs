using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>The device layer: receive (GRO, backlog, XDP), transmit, and traffic control between them.</summary>
internal static class LinkCatalogue
{
    public static TraceGroup In { get; } = TraceGroup.Generic("link-in", "link layer receive (GRO, backlog, XDP)",
    [
        Tracepoint("napi_gro_receive_entry").Means("the driver hands the skb to GRO"),
        Function("dev_gro_receive", skb: 1).Returns("ret 4 (GRO_DROP): dropped by GRO"),
        FunctionOr("enqueue_to_backlog", "netif_rx").Returns("ret != 0: backlog full (raise net.core.netdev_max_backlog)"),
        Function("netif_receive_generic_xdp").Returns("ret 1: XDP_DROP, 3: XDP_TX, 4: XDP_REDIRECT"),
        Function("xdp_do_generic_redirect", skb: 1).Returns("ret != 0: XDP redirect failed"),

        // Since 5.8 the function takes struct sk_buff **, which the generic tracer cannot read; the
        // tracepoint it fires on entry has the skb itself, and older kernels keep the function as fallback.
        new TraceSpec("__netif_receive_skb_core",
            [AttachTarget.Tracepoint("netif_receive_skb"), AttachTarget.Function("__netif_receive_skb_core")])
        {
            SkbArg = 0,
            Description = "the skb enters the stack (taps, rx handlers, protocol dispatch)",
        },
    ]);

    public static TraceGroup Out { get; } = TraceGroup.Generic("link-out", "link layer transmit (qdisc, driver)",
    [
        FunctionOr("__dev_queue_xmit", "net_dev_queue").Returns("ret != 0: qdisc enqueue failed"),
        FunctionOr("dev_hard_start_xmit", "net_dev_start_xmit").Means("the skb is handed to the driver"),
    ]);

    public static TraceGroup Sched { get; } = TraceGroup.Generic("sched", "traffic control (tc classifiers and actions, qdisc transmit)",
    [
        Function("tcf_classify").Means("a tc filter chain classifies the skb"),
        Function("cls_bpf_classify").Means("a tc BPF classifier runs"),
        Function("tcf_bpf_act").Means("a tc BPF action runs"),
        Function("sch_direct_xmit").Means("the qdisc sends the skb to the device"),
        // The host's own programs for these tracepoints also read the qdisc's state (*qdisc state: ...* on the line).
        new TraceSpec("qdisc_enqueue", [new AttachTarget(AttachKind.RawTracepoint, "nt_tp_qdisc_enqueue", "qdisc_enqueue")])
        {
            SkbArg = 2,
            Description = "the skb joins a qdisc's queue",
        },
        new TraceSpec("qdisc_dequeue", [new AttachTarget(AttachKind.RawTracepoint, "nt_tp_qdisc_dequeue", "qdisc_dequeue")])
        {
            SkbArg = 3,
            Description = "the skb leaves a qdisc's queue for the device",
        },
    ]) with { Renderer = new QdiscRenderer() };
}
