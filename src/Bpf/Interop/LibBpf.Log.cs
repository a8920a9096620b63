using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    /// <summary>libbpf_print_fn_t: (level, format, va_list).</summary>
    [LibraryImport(Library)]
    public static partial nint libbpf_set_print(delegate* unmanaged[Cdecl]<int, byte*, nint, int> fn);
}
