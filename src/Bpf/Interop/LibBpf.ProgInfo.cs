using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    public const int ProgTypeSchedCls = 3;

    [LibraryImport(Library)]
    public static partial int bpf_prog_get_next_id(uint startId, uint* nextId);

    [LibraryImport(Library)]
    public static partial int bpf_prog_get_fd_by_id(uint id);

    [LibraryImport(Library)]
    public static partial nint btf__load_from_kernel_by_id(uint id);

    /// <summary>struct bpf_prog_info up to the fields nettrace reads (the kernel fills what the length covers).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 228)]
    public struct ProgInfo
    {
        [FieldOffset(0)] public uint Type;
        [FieldOffset(4)] public uint Id;
        [FieldOffset(64)] public fixed byte Name[16];
        [FieldOffset(128)] public uint BtfId;
        [FieldOffset(132)] public uint FuncInfoRecordSize;
        [FieldOffset(136)] public ulong FuncInfo;
        [FieldOffset(144)] public uint FuncInfoCount;
    }

    /// <summary>struct bpf_func_info: a function of the program and its BTF type.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct FuncInfo
    {
        public uint InstructionOffset;
        public uint TypeId;
    }
}
