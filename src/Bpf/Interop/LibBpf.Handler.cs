using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    public const int ProgTypeRawTracepoint = 17;
    public const int ProgTypeTracing = 26;
    public const int AttachTraceRawTp = 23;
    public const int AttachTraceFentry = 24;
    public const int AttachTraceFexit = 25;

    /// <summary>struct libbpf_prog_handler_opts.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ProgHandlerOpts
    {
        public nuint Size;
        public nint Cookie;
        public nint SetupFn;
        public delegate* unmanaged[Cdecl]<nint, ProgLoadOpts*, nint, int> PrepareLoadFn;
        public nint AttachFn;
    }

    /// <summary>struct bpf_prog_load_opts, up to the fields a prepare callback sets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ProgLoadOpts
    {
        public nuint Size;
        public int Attempts;
        public int ExpectedAttachType;
        public uint ProgBtfFd;
        public uint ProgFlags;
        public uint ProgIfindex;
        public uint KernVersion;
        public uint AttachBtfId;
        public uint AttachProgFd;
        public uint AttachBtfObjFd;
    }

    /// <summary>A handler for SEC() names starting with <paramref name="sec"/>, checked before libbpf's own; the handler id or -errno.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int libbpf_register_prog_handler(string sec, int progType, int expectedAttachType, ProgHandlerOpts* opts);

    [LibraryImport(Library)]
    public static partial int bpf_program__set_type(nint prog, int type);

    [LibraryImport(Library)]
    public static partial int bpf_program__expected_attach_type(nint prog);

    [LibraryImport(Library)]
    public static partial int bpf_btf_get_next_id(uint startId, uint* nextId);

    [LibraryImport(Library)]
    public static partial int bpf_btf_get_fd_by_id(uint id);

    [LibraryImport(Library)]
    public static partial int bpf_obj_get_info_by_fd(int fd, void* info, uint* infoLength);

    /// <summary>struct bpf_btf_info.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BtfInfo
    {
        public ulong Btf;
        public uint BtfSize;
        public uint Id;
        public ulong Name;
        public uint NameLength;
        public uint KernelBtf;
    }
}
