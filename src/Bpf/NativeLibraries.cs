using System.Reflection;
using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// Prefers the libbpf shipped beside the executable (the self-contained bundle) over the system's.
/// Its dependencies are loaded first by full path so the dynamic loader finds them by soname
/// even on a system that has none of them installed.
/// </summary>
public static class NativeLibraries
{
    private static readonly string[] BundledDependencies = ["libz.so.1", "libelf.so.1"];
    private static int _installed;

    /// <summary>Makes the bundled libbpf win from now on; call before the first BPF call (idempotent).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>The loaded libbpf's version as "major.minor" (for -V), or null when no libbpf can be loaded.</summary>
    public static string? LibBpfVersion()
    {
        try
        {
            return $"{LibBpf.libbpf_major_version()}.{LibBpf.libbpf_minor_version()}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibBpf.Library)
            return 0;
        string bundled = Path.Combine(AppContext.BaseDirectory, name);
        if (!File.Exists(bundled))
            return 0;
        foreach (string dependency in BundledDependencies)
        {
            string path = Path.Combine(AppContext.BaseDirectory, dependency);
            if (File.Exists(path))
                NativeLibrary.TryLoad(path, out _);
        }
        return NativeLibrary.Load(bundled);
    }
}
