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
        nint btf = path is not null ? LibBpf.btf__parse(path, 0) : MapKernelBtf() is var mapped and not 0 ? mapped : LibBpf.btf__load_vmlinux_btf();
        return btf == 0 ? null : new VmlinuxBtf(new BtfHandle(btf));
    }

    /// <summary>
    /// /sys/kernel/btf/vmlinux mapped (kernels since 6.16 allow it) and parsed from memory: about half the CPU of
    /// libbpf's own read, which goes through page-sized read(2) calls into a buffer (5 MB of page faults) and then
    /// copies that buffer. 0 when the kernel refuses the mapping: libbpf's read then does it.
    /// </summary>
    private static unsafe nint MapKernelBtf()
    {
        try
        {
            using var file = File.OpenHandle("/sys/kernel/btf/vmlinux");
            long size = RandomAccess.GetLength(file);
            if (size is <= 0 or > uint.MaxValue)
                return 0;
            void* data = LibC.mmap(null, (nuint)size, LibC.ProtRead, LibC.MapPrivate, (int)file.DangerousGetHandle(), 0);
            if (data == (void*)-1)
                return 0;
            try
            {
                return LibBpf.btf__new(data, (uint)size);
            }
            finally
            {
                LibC.munmap(data, (nuint)size);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Frees the BTF; <see cref="Reader"/> throws from then on.</summary>
    public void Dispose() => _handle.Dispose();
}
