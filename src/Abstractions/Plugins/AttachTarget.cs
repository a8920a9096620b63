namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// One way to attach a trace: the BPF program (by its C function name) and the kernel target.
/// The target is a function name for fentry/kprobe, the tracepoint name for tp_btf/raw_tp,
/// and "category/name" for a classic tracepoint.
/// An empty <see cref="Program"/> asks for the host's generic skb tracer: the host picks (and
/// shares between all groups) the program for the kind and the trace's <see cref="TraceSpec.SkbArg"/>.
/// </summary>
public sealed record AttachTarget(AttachKind Kind, string Program, string Target)
{
    /// <summary>A kernel function traced by the host's generic skb tracer (kprobe, kretprobe when a return is needed).</summary>
    public static AttachTarget Function(string function) => new(AttachKind.Kprobe, "", function);

    /// <summary>A raw tracepoint whose first argument is the skb, traced by the host's generic skb tracer.</summary>
    public static AttachTarget Tracepoint(string name) => new(AttachKind.RawTracepoint, "", name);

    /// <summary>
    /// A kernel function whose entry program is the group's own (<paramref name="program"/> in its BPF
    /// object, with a "_m" twin for kprobe.multi): it reads more than the skb, then hands the hit to the
    /// generic tracer, so the trace still joins the packet's lifecycle.
    /// </summary>
    public static AttachTarget Entry(string program, string function) => new(AttachKind.Kprobe, program, function);

    /// <summary>
    /// For an <see cref="Entry"/>: the group's fexit program that reads the same when the function returns
    /// abnormally (--monitor on BPF trampolines: bound to the function at load, its trace in the attach cookie, its
    /// record sent by the group itself); null when the group has none, and --monitor keeps a kprobe and a kretprobe.
    /// </summary>
    public string? ReturnProgram { get; init; }

    /// <summary>The first kernel release this target fits (e.g. an argument layout that changed); null for any.</summary>
    public Version? Since { get; init; }

    /// <summary>The first kernel release this target no longer fits; null for none.</summary>
    public Version? Before { get; init; }

    /// <summary>True when the running kernel's release is within <see cref="Since"/> and <see cref="Before"/>.</summary>
    public bool Fits(Version kernel) =>
        (Since is null || kernel >= Since) && (Before is null || kernel < Before);

    /// <summary>True when the host's generic skb tracer implements this target.</summary>
    public bool IsGeneric => Program.Length == 0;

    public override string ToString() => $"{Kind.ToDisplayName()}:{Target}";
}
