namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// One way to attach a trace: the BPF program (by its C function name) and the kernel target.
/// The target is a function name for fentry/kprobe, the tracepoint name for tp_btf/raw_tp,
/// and "category/name" for a classic tracepoint.
/// </summary>
public sealed record AttachTarget(AttachKind Kind, string Program, string Target)
{
    public override string ToString() => $"{Kind.ToDisplayName()}:{Target}";
}
