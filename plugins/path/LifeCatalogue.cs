using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>Where an skb's life forks (clones) and ends (frees): the bounds of its lifecycle.</summary>
internal static class LifeCatalogue
{
    public static TraceGroup Life { get; } = TraceGroup.Generic("life", "skb life: clones and frees",
    [
        Function("skb_clone").As(TraceRole.Clone).Returns("ret: the clone, which joins the original's lifecycle"),
        Tracepoint("consume_skb").As(TraceRole.Free).Means("freed after normal use"),

        // The host's own kfree_skb program also reads the drop location and reason.
        new TraceSpec("kfree_skb", [new AttachTarget(AttachKind.RawTracepoint, "nt_tp_kfree", "kfree_skb")])
        {
            SkbArg = 0,
            Role = TraceRole.Free,
            Description = "dropped (with location and reason)",
        },
        Function("__kfree_skb").As(TraceRole.Free).Means("freed"),
        Function("kfree_skb_partial").As(TraceRole.Free).Off().Means("freed, its head kept by the skb it was merged into"),
        Function("skb_attempt_defer_free").As(TraceRole.Free).Means("handed to the CPU that allocated it, to be freed there"),
    ]) with
    {
        // --monitor reports frees through the drop group; here they would print every drop twice.
        Serves = new() { OutsideMonitorPath = true },
    };
}
