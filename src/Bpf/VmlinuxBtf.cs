using NetTrace.Bpf.Handles;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>The running kernel's BTF (/sys/kernel/btf/vmlinux), loaded and owned; disposing frees it.</summary>
public sealed class VmlinuxBtf : IDisposable
{
    private readonly BtfHandle _handle;

    private VmlinuxBtf(BtfHandle handle)
    {
        _handle = handle;
        Reader = new BtfReader(handle, handle.DangerousGetHandle());
    }

    /// <summary>Reads the kernel's types while this is not disposed.</summary>
    public BtfReader Reader { get; }

    /// <summary>
    /// Loads the kernel's BTF through libbpf, from <paramref name="path"/> when given (a raw BTF file or a vmlinux
    /// ELF), else the kernel's own; null when it cannot (no BTF, or unreadable).
    /// </summary>
    public static VmlinuxBtf? TryLoad(string? path = null)
    {
        nint btf = path is null ? LibBpf.btf__load_vmlinux_btf() : LibBpf.btf__parse(path, 0);
        return btf == 0 ? null : new VmlinuxBtf(new BtfHandle(btf));
    }

    /// <summary>Frees the BTF; <see cref="Reader"/> throws from then on.</summary>
    public void Dispose() => _handle.Dispose();
}
