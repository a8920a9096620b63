using NetTrace.Abstractions.Errors;

namespace NetTrace.Bpf;

/// <summary>A libbpf failure, with the stage, the object it concerns and the errno.</summary>
internal sealed class BpfException(BpfStage stage, string subject, int errno, string detail = "")
    : NetTraceException(BpfErrors.Describe(stage, subject, errno, detail), RuntimeError)
{
    public BpfStage Stage { get; } = stage;
    public string Subject { get; } = subject;
    public int Errno { get; } = errno;

    /// <summary>The verifier's last lines when a load failed, else empty.</summary>
    public string Detail { get; } = detail;
}
