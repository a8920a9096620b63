using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.CoreBtf;

/// <summary>A loaded module's BTF (split, continuing the kernel's) and its types by name.</summary>
internal sealed record ModuleBtf(string Name, BtfNameIndex Types);

/// <summary>
/// Where fentry/fexit programs attach: a function's BTF id in the kernel's BTF or a loaded module's, with, for a
/// module, the fd of the BTF object the kernel knows it by. Looked up as libbpf does (the kernel's own functions
/// first, then the modules'), but in the BTF nettrace has parsed already: libbpf 1.1 parses the kernel's whole BTF
/// for each object with such a program, and every module's for a function in a module (<see cref="TracingTargets"/>).
/// </summary>
internal sealed unsafe class FunctionBtfIds(RawBtf kernel, Func<List<ModuleBtf>> modules) : IDisposable
{
    private const int NameCapacity = 64; // BTF_NAME_MAX-sized, as module names are

    private readonly Lock _lock = new();
    private BtfNameIndex? _kernelFunctions;
    private readonly Dictionary<string, BtfNameIndex> _moduleFunctions = [];
    private readonly Dictionary<string, int> _moduleFds = [];

    public (uint Id, int ObjectFd)? Find(string function)
    {
        byte[] name = System.Text.Encoding.UTF8.GetBytes(function);
        lock (_lock)
        {
            _kernelFunctions ??= new BtfNameIndex(kernel, functions: true);
            if (First(_kernelFunctions, name) is { } id)
                return ((uint)id, 0);
            foreach (var module in modules())
            {
                if (!_moduleFunctions.TryGetValue(module.Name, out var index))
                    _moduleFunctions[module.Name] = index = new BtfNameIndex(module.Types.Btf, functions: true);
                if (First(index, name) is { } moduleId && ModuleFd(module.Name) is > 0 and var fd)
                    return ((uint)moduleId, fd);
            }
            return null;
        }
    }

    private static int? First(BtfNameIndex index, ReadOnlySpan<byte> name)
    {
        var found = index.Find(name);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The fd of the kernel's BTF object for <paramref name="module"/> (kept until disposed), or -1.</summary>
    private int ModuleFd(string module)
    {
        if (_moduleFds.TryGetValue(module, out int known))
            return known;
        int found = -1;
        byte* name = stackalloc byte[NameCapacity];
        for (uint id = 0; found < 0 && LibBpf.bpf_btf_get_next_id(id, &id) == 0;)
        {
            int fd = LibBpf.bpf_btf_get_fd_by_id(id);
            if (fd < 0)
                continue; // gone meanwhile
            var info = new LibBpf.BtfInfo { Name = (ulong)name, NameLength = NameCapacity };
            uint length = (uint)sizeof(LibBpf.BtfInfo);
            if (LibBpf.bpf_obj_get_info_by_fd(fd, &info, &length) == 0 && info.KernelBtf != 0 &&
                new ReadOnlySpan<byte>(name, NameCapacity).IndexOf((byte)0) is var end and >= 0 &&
                new ReadOnlySpan<byte>(name, end).SequenceEqual(System.Text.Encoding.UTF8.GetBytes(module)))
            {
                found = fd;
            }
            else
            {
                LibC.close(fd);
            }
        }
        _moduleFds[module] = found;
        return found;
    }

    /// <summary>Closes the module BTF fds; the programs loaded with them keep what they need.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (int fd in _moduleFds.Values.Where(fd => fd > 0))
                LibC.close(fd);
            _moduleFds.Clear();
        }
    }
}
