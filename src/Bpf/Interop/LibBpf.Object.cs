using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

/// <summary>Raw libbpf object calls, with libbpf's exact C names. Pointers are owned by callers.</summary>
internal static unsafe partial class LibBpf
{
    public const string Library = "libbpf.so.1";

    /// <summary>struct bpf_object_open_opts up to btf_custom_path (libbpf 1.0's layout); libbpf accepts a shorter opts struct.</summary>
    [StructLayout(LayoutKind.Explicit)]
    public struct ObjectOpenOpts
    {
        [FieldOffset(0)] public nuint Size;
        [FieldOffset(8)] public byte* ObjectName;
        [FieldOffset(16)] public byte RelaxedMaps;
        [FieldOffset(24)] public byte* PinRootPath;
        [FieldOffset(32)] public uint Unused; // the removed attach_prog_fd
        [FieldOffset(40)] public byte* Kconfig;
        [FieldOffset(48)] public byte* BtfCustomPath; // the kernel's BTF for CO-RE, where /sys/kernel/btf/vmlinux is missing
    }

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint bpf_object__open_mem(void* objBuf, nuint objBufSize, ObjectOpenOpts* opts);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int bpf_object__load(nint obj);

    [LibraryImport(Library)]
    public static partial void bpf_object__close(nint obj);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint bpf_object__find_program_by_name(nint obj, string name);

    [LibraryImport(Library)]
    public static partial nint bpf_object__next_program(nint obj, nint prev);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint bpf_object__find_map_by_name(nint obj, string name);

    [LibraryImport(Library)]
    public static partial nint bpf_object__next_map(nint obj, nint prev);

    [LibraryImport(Library)]
    public static partial nint bpf_object__btf(nint obj);

    [LibraryImport(Library)]
    public static partial int libbpf_num_possible_cpus();

    [LibraryImport(Library)]
    public static partial int libbpf_probe_bpf_map_type(int mapType, nint opts);
}
