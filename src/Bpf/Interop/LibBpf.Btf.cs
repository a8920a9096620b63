using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    public const uint BtfKindStruct = 4;
    public const uint BtfKindEnum = 6;
    public const uint BtfKindTypedef = 8;
    public const uint BtfKindFunc = 12;
    public const uint BtfKindVar = 14;
    public const uint BtfKindDatasec = 15;
    public const uint BtfKindEnum64 = 19;

    /// <summary>struct btf_type; its members follow it in memory.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BtfType
    {
        public uint NameOff;
        public uint Info;
        public uint SizeOrType;

        public readonly uint Kind => (Info >> 24) & 0x1f;
        public readonly int VLen => (int)(Info & 0xffff);
        public readonly bool KindFlag => (Info >> 31) != 0;
    }

    /// <summary>struct btf_enum.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BtfEnum
    {
        public uint NameOff;
        public int Value;
    }

    /// <summary>struct btf_member.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BtfMember
    {
        public uint NameOff;
        public uint Type;
        public uint Offset;
    }

    /// <summary>struct btf_var_secinfo (a DATASEC member).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BtfVarSecInfo
    {
        public uint Type;
        public uint Offset;
        public uint Size;
    }

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint btf__load_vmlinux_btf();

    /// <summary>Parses raw BTF from memory (copied: the memory may go once this returns).</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial nint btf__new(void* data, uint size);

    /// <summary>Reads BTF from a file: raw BTF (as /sys/kernel/btf/vmlinux) or an ELF's .BTF section (a vmlinux).</summary>
    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint btf__parse(string path, nint btfExt);

    [LibraryImport(Library)]
    public static partial long btf__resolve_size(nint btf, uint typeId);

    [LibraryImport(Library)]
    public static partial void btf__free(nint btf);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int btf__find_by_name_kind(nint btf, string name, uint kind);

    [LibraryImport(Library)]
    public static partial BtfType* btf__type_by_id(nint btf, uint id);

    [LibraryImport(Library)]
    public static partial byte* btf__name_by_offset(nint btf, uint offset);

    [LibraryImport(Library)]
    public static partial uint btf__type_cnt(nint btf);

    /// <summary>The BTF's raw bytes, owned by it (valid while it lives and is not changed).</summary>
    [LibraryImport(Library)]
    public static partial void* btf__raw_data(nint btf, uint* size);
}
