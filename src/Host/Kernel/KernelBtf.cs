using NetTrace.Bpf;

namespace NetTrace.Host.Kernel;

/// <summary>The running kernel's BTF (/sys/kernel/btf/vmlinux), owned, or why there is none.</summary>
internal sealed class KernelBtf : IDisposable
{
    private readonly VmlinuxBtf _btf;

    private KernelBtf(VmlinuxBtf btf) => _btf = btf;

    public BtfReader Reader => _btf.Reader;

    /// <summary>The kernel's types indexed for the objects' CO-RE relocations (<see cref="IndexCoreTypes"/>), or null.</summary>
    public KernelCoreBtf? CoreTypes { get; private set; }

    /// <summary>Indexes the types by name for <see cref="CoreTypes"/>: one walk over them, done beside the start's other work.</summary>
    public void IndexCoreTypes() => CoreTypes ??= KernelCoreBtf.From(_btf);

    /// <summary>
    /// `-t kernel`'s functions (those taking an skb in their first <paramref name="maxArgs"/> arguments): from the types
    /// indexed for CO-RE when they are (the usual start), else read again.
    /// </summary>
    public IReadOnlyList<SkbFunction> SkbFunctions(int maxArgs) => CoreTypes?.SkbFunctions(maxArgs) ?? KernelSkbFunctions.Find(Reader, maxArgs);

    /// <summary>Loads the kernel's BTF (from <paramref name="path"/>, --btf-path, when given), or returns null with the reason.</summary>
    public static KernelBtf? TryLoad(out string? failure, string? path = null)
    {
        var btf = VmlinuxBtf.TryLoad(path);
        if (btf is null && path is not null)
        {
            failure = File.Exists(path) ? $"--btf-path {path}: no BTF could be read from it" : $"--btf-path {path}: no such file";
            return null;
        }
        if (btf is null)
        {
            failure = File.Exists("/sys/kernel/btf/vmlinux")
                ? "could not read /sys/kernel/btf/vmlinux"
                : "the kernel has no BTF (CONFIG_DEBUG_INFO_BTF is off)";
            return null;
        }
        failure = null;
        return new KernelBtf(btf);
    }

    public void Dispose()
    {
        if (CoreTypes is { } core)
        {
            if (BpfObject.CoreBtf == core)
                BpfObject.CoreBtf = null;
            core.Dispose();
        }
        _btf.Dispose();
    }
}
