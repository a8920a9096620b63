using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static partial class LibBpf
{
    [LibraryImport(Library)]
    public static partial uint libbpf_major_version();

    [LibraryImport(Library)]
    public static partial uint libbpf_minor_version();
}
