using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// Resets a signal's disposition, which .NET cannot do: it keeps a signal the process inherited as ignored ignored,
/// and so never reports it.
/// </summary>
public static class SignalDisposition
{
    private const nint SIG_DFL = 0;

    /// <summary>Gives <paramref name="signal"/> (a Linux signal number) its default disposition back.</summary>
    public static void RestoreDefault(int signal) => LibC.signal(signal, SIG_DFL);
}
