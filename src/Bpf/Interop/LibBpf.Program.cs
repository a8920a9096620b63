using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    [LibraryImport(Library)]
    public static partial byte* bpf_program__name(nint prog);

    [LibraryImport(Library)]
    public static partial int bpf_program__set_autoload(nint prog, [MarshalAs(UnmanagedType.U1)] bool autoload);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool bpf_program__autoload(nint prog);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int bpf_program__set_attach_target(nint prog, int attachProgFd, string attachFuncName);

    [LibraryImport(Library)]
    public static partial int bpf_program__set_log_buf(nint prog, byte* logBuf, nuint logSize);

    [LibraryImport(Library)]
    public static partial int bpf_program__fd(nint prog);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint bpf_program__attach(nint prog);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint bpf_program__attach_kprobe(nint prog, [MarshalAs(UnmanagedType.U1)] bool retprobe, string funcName);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint bpf_program__attach_trace(nint prog);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint bpf_program__attach_raw_tracepoint(nint prog, string tpName);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint bpf_program__attach_tracepoint(nint prog, string category, string name);

    [LibraryImport(Library)]
    public static partial int bpf_link__destroy(nint link);

    [LibraryImport(Library)]
    public static partial int bpf_link__fd(nint link);

    /// <summary>enum bpf_prog_type of the program.</summary>
    [LibraryImport(Library)]
    public static partial int bpf_program__type(nint prog);

    /// <summary>The program's instructions; after load, as libbpf relocated them (CO-RE, maps, subprograms).</summary>
    [LibraryImport(Library)]
    public static partial ulong* bpf_program__insns(nint prog);

    [LibraryImport(Library)]
    public static partial nuint bpf_program__insn_cnt(nint prog);
}
