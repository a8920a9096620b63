using NetTrace.Bpf;

namespace NetTrace.Host.Cli;

/// <summary>
/// A shell starts background jobs with SIGINT ignored, and .NET then never reports SIGINT. A tracer
/// must stop cleanly on `kill -INT` wherever it was started, so the default disposition is restored
/// before the runtime's handlers are registered.
/// </summary>
internal static class InheritedSignals
{
    private const int SIGINT = 2;

    public static void Restore() => SignalDisposition.RestoreDefault(SIGINT);
}
