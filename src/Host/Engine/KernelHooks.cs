using NetTrace.Host.Kernel;

namespace NetTrace.Host.Engine;

/// <summary>
/// What the running kernel offers the generic skb tracer: whether kprobes (and the one-link
/// kprobe.multi) attach, which catalogue functions exist and under which symbol, which tracepoints exist.
/// </summary>
internal sealed record KernelHooks(
    bool Kprobes,
    bool KprobeMulti,
    IReadOnlyDictionary<string, KernelFunction> Functions,
    Func<string, bool> TracepointExists)
{
    /// <summary>Why kprobes cannot be used, shown for every function trace left out.</summary>
    public string KprobeFailure { get; init; } = "the kernel has no kprobe support";

    /// <summary>
    /// `-t kernel`'s functions set aside before the attach, with why: ftrace cannot hook them (kprobe.multi would refuse
    /// the one link that carries the others), or one kprobe each would outgrow the open-file limit. Left out as absent.
    /// </summary>
    public IReadOnlyDictionary<string, string> SetAside { get; init; } = new Dictionary<string, string>();

    /// <summary>The running kernel's release (major.minor.patch), for targets tied to an argument layout.</summary>
    public Version Release { get; init; } = Environment.OSVersion.Version;
}
