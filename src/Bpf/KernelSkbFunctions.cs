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
    /// <summary>Reads the BTF afresh; <see cref="KernelCoreBtf.SkbFunctions"/> uses what the session indexed already.</summary>
    /// <param name="kernel">The kernel's BTF, already parsed by the session.</param>
    /// <param name="maxArgs">How many leading arguments may hold the skb.</param>
    public static unsafe IReadOnlyList<SkbFunction> Find(BtfReader kernel, int maxArgs)
    {
        uint size;
        void* data = LibBpf.btf__raw_data(kernel.Pointer, &size);
        if (data is null)
            return [];
        // A copy: the scan keeps nothing, and the managed array cannot outlive the libbpf buffer wrongly.
        var raw = RawBtf.TryRead(new ReadOnlySpan<byte>(data, (int)size).ToArray());
        if (raw is null)
            return [];
        return From(raw, KernelCoreBtf.ReadModules(raw).Select(m => (m.Name, m.Types.Btf)), maxArgs);
    }

    /// <summary>From BTF already read: the kernel's and each module's (split on it), in that order.</summary>
    internal static List<SkbFunction> From(RawBtf kernel, IEnumerable<(string Name, RawBtf Btf)> modules, int maxArgs)
    {
        var found = SkbFunctionScan.Find(kernel, maxArgs).Select(f => new SkbFunction(f.Name, f.SkbArg, null)).ToList();
        foreach (var (name, btf) in modules)
            found.AddRange(SkbFunctionScan.Find(btf, maxArgs).Select(f => new SkbFunction(f.Name, f.SkbArg, name)));
        return found;
    }
}
