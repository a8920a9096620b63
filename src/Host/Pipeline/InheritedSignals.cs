using NetTrace.Bpf.Interop;

namespace NetTrace.Host.Pipeline;

/// <summary>
/// A shell starts background jobs with SIGINT ignored, and .NET then never reports SIGINT. A tracer
/// must stop cleanly on `kill -INT` wherever it was started, so the default disposition is restored
/// before the runtime's handlers are registered.
/// </summary>
internal static class InheritedSignals
{
    private const int SIGINT = 2;
    private const nint SIG_DFL = 0;

    public static void Restore() => LibC.signal(SIGINT, SIG_DFL);
}
