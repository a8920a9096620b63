using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    public const int ProgTypeXdp = 6;

    /// <summary>struct bpf_prog_load_opts whole (libbpf 1.1), for a program loaded from instructions.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 104)]
    public struct ProgLoadFullOpts
    {
        [FieldOffset(0)] public nuint Size;
        [FieldOffset(88)] public uint LogLevel;
        [FieldOffset(92)] public uint LogSize;
        [FieldOffset(96)] public byte* LogBuffer;
    }

    /// <summary>struct bpf_test_run_opts (libbpf 1.1).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 80)]
    public struct TestRunOpts
    {
        [FieldOffset(0)] public nuint Size;
        [FieldOffset(8)] public void* DataIn;
        [FieldOffset(24)] public uint DataSizeIn;
        [FieldOffset(56)] public uint ReturnValue;
        [FieldOffset(60)] public int Repeat;
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int bpf_prog_load(int type, string name, string license, ulong* insns, nuint count, ProgLoadFullOpts* opts);

    [LibraryImport(Library)]
    public static partial int bpf_prog_test_run_opts(int fd, TestRunOpts* opts);
}
