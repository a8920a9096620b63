using NetTrace.Bpf;

namespace NetTrace.Host.Kernel;

/// <summary>The running kernel's BTF (/sys/kernel/btf/vmlinux), owned, or why there is none.</summary>
internal sealed class KernelBtf : IDisposable
{
    private readonly VmlinuxBtf _btf;

    private KernelBtf(VmlinuxBtf btf) => _btf = btf;

    public BtfReader Reader => _btf.Reader;

    /// <summary>Loads the kernel's BTF, or returns null (with the reason) when the kernel has none.</summary>
    public static KernelBtf? TryLoad(out string? failure)
    {
        var btf = VmlinuxBtf.TryLoad();
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

    public void Dispose() => _btf.Dispose();
}
