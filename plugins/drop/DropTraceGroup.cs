using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Drop;

/// <summary>
/// The drop group: kfree_skb with the kernel's drop reason. raw_tp is preferred: no tracefs, and, unlike tp_btf, no
/// attach by BTF id, so libbpf needs none of the kernel's BTF beyond the subset nettrace hands it for CO-RE (ADR 2).
/// tp_btf serves a kernel that refuses the raw tracepoint, the classic tracepoint last.
/// </summary>
public sealed class DropTraceGroup : INetTracePlugin
{
    public const string GroupName = "drop";
    public const ushort Owner = 2;
    private const string ObjectResource = "drop.bpf.o";

    public static IReadOnlyList<TraceSpec> Catalogue { get; } =
    [
        new TraceSpec("kfree_skb",
        [
            new AttachTarget(AttachKind.RawTracepoint, "nt_drop_raw_tp", "kfree_skb"),
            new AttachTarget(AttachKind.TpBtf, "nt_drop_tp_btf", "kfree_skb"),
            new AttachTarget(AttachKind.Tracepoint, "nt_drop_tracepoint", "skb/kfree_skb"),
        ]) { SkbArg = 0 },
    ];

    public void Register(IPluginRegistry registry) =>
        registry.AddGroup(new TraceGroup(
            GroupName,
            Owner,
            OpenObject,
            Catalogue,
            [new EventKindSpec(DropRecord.Kind, "drop", PacketShaped: true)],
            new DropDecoder(),
            new DropRenderer())
        {
            Description = "skbs freed through kfree_skb, with the drop reason (--drop)",
            ModeOnly = true,
            // --monitor reports every drop, under the kernel point's name.
            Serves = new() { Drop = true, Monitor = MonitorTraces.All },
            MonitorPoint = "kfree_skb",
            Metrics = DropMetrics.Declaration,
            DefaultArmTrigger = DropTriggers.Arm,
            RuleText = DropTriggers.ReasonName,
        });

    private static Stream OpenObject() =>
        typeof(DropTraceGroup).Assembly.GetManifestResourceStream(ObjectResource)
        ?? throw new InvalidOperationException($"{ObjectResource} is not embedded in {typeof(DropTraceGroup).Assembly.GetName().Name}");
}
