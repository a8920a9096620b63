using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

/// <summary>kprobe attachment with cookies, one function at a time or many in one link; fentry/fexit with a cookie.</summary>
internal static unsafe partial class LibBpf
{
    /// <summary>struct bpf_kprobe_opts (libbpf ≥ 0.7).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct KprobeOpts
    {
        public nuint Size;
        public ulong BpfCookie;
        public nuint Offset;
        [MarshalAs(UnmanagedType.U1)]
        public bool Retprobe;
    }

    /// <summary>struct bpf_kprobe_multi_opts (libbpf ≥ 0.8).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct KprobeMultiOpts
    {
        public nuint Size;
        public byte** Syms;
        public nuint* Addrs;
        public ulong* Cookies;
        public nuint Count;
        [MarshalAs(UnmanagedType.U1)]
        public bool Retprobe;
    }

    /// <summary>struct bpf_trace_opts (libbpf ≥ 0.8): an fentry/fexit link's cookie.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TraceOpts
    {
        public nuint Size;
        public ulong Cookie;
    }

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint bpf_program__attach_trace_opts(nint prog, TraceOpts* opts);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint bpf_program__attach_kprobe_opts(nint prog, string? funcName, KprobeOpts* opts);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint bpf_program__attach_kprobe_multi_opts(nint prog, byte* pattern, KprobeMultiOpts* opts);
}
