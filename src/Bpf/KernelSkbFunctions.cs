using NetTrace.Bpf.CoreBtf;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>A kernel function that takes an skb: its name, the argument holding it, and its module (null: the kernel's own).</summary>
public sealed record SkbFunction(string Name, int SkbArg, string? Module);

/// <summary>
/// Every function of the running kernel and its loaded modules that takes a <c>struct sk_buff *</c> in one of its
/// first arguments, as their BTF declares them (the kernel's in /sys/kernel/btf/vmlinux, each module's beside it).
/// </summary>
public static class KernelSkbFunctions
{
    private const string ModulesDirectory = "/sys/kernel/btf";

    /// <param name="kernel">The kernel's BTF, already parsed by the session.</param>
    /// <param name="maxArgs">How many leading arguments may hold the skb.</param>
    /// <param name="modulesDirectory">Where the modules' BTF files are (a test may point elsewhere); null: none.</param>
    public static unsafe IReadOnlyList<SkbFunction> Find(BtfReader kernel, int maxArgs, string? modulesDirectory = ModulesDirectory)
    {
        uint size;
        void* data = LibBpf.btf__raw_data(kernel.Pointer, &size);
        if (data is null)
            return [];
        // A copy: the scan keeps nothing, and the managed array cannot outlive the libbpf buffer wrongly.
        var raw = RawBtf.TryRead(new ReadOnlySpan<byte>(data, (int)size).ToArray());
        if (raw is null)
            return [];
        var found = SkbFunctionScan.Find(raw, maxArgs).Select(f => new SkbFunction(f.Name, f.SkbArg, null)).ToList();
        if (modulesDirectory is not null && Directory.Exists(modulesDirectory))
        {
            foreach (string file in Directory.EnumerateFiles(modulesDirectory).Where(f => Path.GetFileName(f) != "vmlinux").Order(StringComparer.Ordinal))
            {
                try
                {
                    if (RawBtf.TryRead(File.ReadAllBytes(file), raw) is { } module)
                        found.AddRange(SkbFunctionScan.Find(module, maxArgs).Select(f => new SkbFunction(f.Name, f.SkbArg, Path.GetFileName(file))));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A module unloaded meanwhile: its functions are gone with it.
                }
            }
        }
        return found;
    }
}
