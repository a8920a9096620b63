using NetTrace.Abstractions.Errors;

namespace NetTrace.Bpf;

/// <summary>A libbpf failure, with the stage, the object it concerns and the errno; reported in one line, exit code 1.</summary>
public sealed class BpfException(BpfStage stage, string subject, int errno, string detail = "")
    : NetTraceException(BpfErrors.Describe(stage, subject, errno, detail), RuntimeError)
{
    /// <summary>Where it failed: the loader retries a trace's next target on Load and Attach failures.</summary>
    public BpfStage Stage { get; } = stage;

    /// <summary>What failed: "program X of Y", "kprobe:fn", "map M size"...</summary>
    public string Subject { get; } = subject;

    /// <summary>The positive errno libbpf gave, or 0 when it gave none.</summary>
    public int Errno { get; } = errno;

    /// <summary>The verifier's last lines when a load failed, else empty.</summary>
    public string Detail { get; } = detail;
}
