using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

/// <summary>The C library, for formatting libbpf's printf-style log lines.</summary>
internal static unsafe partial class LibC
{
    /// <summary>
    /// On x86-64 and arm64 Linux a va_list parameter arrives as a pointer, which vsnprintf
    /// accepts as is; that is how libbpf's log is read without a C shim.
    /// </summary>
    [LibraryImport("libc.so.6")]
    public static partial int vsnprintf(byte* buffer, nuint size, byte* format, nint args);

    /// <summary>signal(2); used only to reset an inherited SIG_IGN to SIG_DFL.</summary>
    [LibraryImport("libc.so.6")]
    public static partial nint signal(int signum, nint handler);
}
