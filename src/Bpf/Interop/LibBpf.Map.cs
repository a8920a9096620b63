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
}
