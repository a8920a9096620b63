using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>Routes libbpf's own log to nettrace's -v/--debug output.</summary>
public static unsafe class LibBpfLog
{
    /// <summary>libbpf's levels: LIBBPF_WARN, LIBBPF_INFO, LIBBPF_DEBUG.</summary>
    public enum Level
    {
        /// <summary>Problems only.</summary>
        Warn = 0,

        /// <summary>What libbpf does (-v).</summary>
        Info = 1,

        /// <summary>Everything, libbpf's relocation details included (--debug).</summary>
        Debug = 2,
    }

    private static Action<string>? _sink;
    private static Level _threshold;

    /// <summary>Sends lines up to <paramref name="threshold"/> to <paramref name="sink"/>; null silences libbpf.</summary>
    public static void Route(Action<string>? sink, Level threshold)
    {
        _sink = sink;
        _threshold = threshold;
        LibBpf.libbpf_set_print(&Print);
    }

    /// <summary>Takes over libbpf's printing (silent until <see cref="Route"/> names a sink).</summary>
    public static void Install() => LibBpf.libbpf_set_print(&Print);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Print(int level, byte* format, nint args)
    {
        var sink = _sink;
        if (sink is null || level > (int)_threshold)
            return 0;
        const int size = 2048;
        byte* buffer = stackalloc byte[size];
        int n = LibC.vsnprintf(buffer, size, format, args);
        if (n < 0)
            return 0;
        string text = Marshal.PtrToStringUTF8((nint)buffer) ?? "";
        try
        {
            sink("libbpf: " + text.TrimEnd('\n'));
        }
        catch
        {
            // Logging must never unwind into libbpf.
        }
        return 0;
    }
}
