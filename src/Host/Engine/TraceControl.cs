namespace NetTrace.Host.Engine;

/// <summary>
/// Upstream's trace control, applied to the selected traces: <see cref="Exclude"/> leaves traces out
/// (--trace-exclude); only the <see cref="Matcher"/> traces may start following an skb, the others report it once
/// one of them did (--trace-matcher); <see cref="Free"/> traces end an skb's lifecycle as the kernel's frees do
/// (--trace-free); <see cref="NoClone"/> leaves clones out of their original's lifecycle (--trace-noclone).
/// Names are traces or groups, as -t takes them.
/// </summary>
internal sealed record TraceControl(
    IReadOnlyList<string> Exclude,
    IReadOnlyList<string> Matcher,
    IReadOnlyList<string> Free,
    bool NoClone)
{
    public static TraceControl None { get; } = new([], [], [], false);
}
