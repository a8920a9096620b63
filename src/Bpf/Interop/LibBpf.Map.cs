using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    [LibraryImport(Library)]
    public static partial int bpf_map__fd(nint map);

    [LibraryImport(Library)]
    public static partial int bpf_map__set_max_entries(nint map, uint maxEntries);

    [LibraryImport(Library)]
    public static partial void* bpf_map__initial_value(nint map, nuint* size);

    [LibraryImport(Library)]
    public static partial uint bpf_map__value_size(nint map);

    [LibraryImport(Library)]
    public static partial int bpf_map__lookup_elem(nint map, void* key, nuint keySize, void* value, nuint valueSize, ulong flags);

    [LibraryImport(Library)]
    public static partial int bpf_map__update_elem(nint map, void* key, nuint keySize, void* value, nuint valueSize, ulong flags);

    [LibraryImport(Library)]
    public static partial int bpf_map__reuse_fd(nint map, int fd);

    [LibraryImport(Library)]
    public static partial byte* bpf_map__name(nint map);

    [LibraryImport(Library)]
    public static partial int bpf_map__type(nint map);

    [LibraryImport(Library)]
    public static partial uint bpf_map__max_entries(nint map);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool bpf_map__is_internal(nint map);

    [LibraryImport(Library)]
    public static partial uint bpf_map__key_size(nint map);

    [LibraryImport(Library)]
    public static partial uint bpf_map__map_flags(nint map);

    /// <summary>struct bpf_map_create_opts as libbpf 1.1 has it (48 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    public struct MapCreateOpts
    {
        [FieldOffset(0)] public nuint Size;
        [FieldOffset(28)] public uint MapFlags;
    }

    /// <summary>Creates a map in the kernel; returns its fd, or a negative errno.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int bpf_map_create(int mapType, string? name, uint keySize, uint valueSize, uint maxEntries, MapCreateOpts* opts);
}
