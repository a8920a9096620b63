using NetTrace.Bpf;
using NetTrace.Bpf.Handles;
using NetTrace.Bpf.Interop;

namespace NetTrace.Host.Kernel;

/// <summary>The running kernel's BTF (/sys/kernel/btf/vmlinux), owned.</summary>
internal sealed class KernelBtf : IDisposable
{
    private readonly BtfHandle _handle;

    private KernelBtf(BtfHandle handle)
    {
        _handle = handle;
        Reader = new BtfReader(handle.DangerousGetHandle());
    }

    public BtfReader Reader { get; }

    /// <summary>Loads the kernel's BTF, or returns null (with the reason) when the kernel has none.</summary>
    public static KernelBtf? TryLoad(out string? failure)
    {
        nint btf = LibBpf.btf__load_vmlinux_btf();
        if (btf == 0)
        {
            failure = File.Exists("/sys/kernel/btf/vmlinux")
                ? "could not read /sys/kernel/btf/vmlinux"
                : "the kernel has no BTF (CONFIG_DEBUG_INFO_BTF is off)";
            return null;
        }
        failure = null;
        return new KernelBtf(new BtfHandle(btf));
    }

    public void Dispose() => _handle.Dispose();
}
