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

    /// <summary>The running kernel's release (major.minor.patch), for targets tied to an argument layout.</summary>
    public Version Release { get; init; } = Environment.OSVersion.Version;
}
