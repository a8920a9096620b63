using Microsoft.Win32.SafeHandles;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.CoreBtf;

/// <summary>BTF subsets in anonymous files, named by their /proc/self/fd paths (libbpf opens a custom BTF by path); closed together.</summary>
internal sealed class AnonymousFiles : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<SafeFileHandle> _files = [];

    /// <summary>The path of a new file holding <paramref name="bytes"/>, or null when none could be made.</summary>
    public string? Write(ReadOnlySpan<byte> bytes)
    {
        int fd = LibC.memfd_create("nettrace-core-btf", LibC.MfdCloexec);
        if (fd < 0)
            return null;
        var file = new SafeFileHandle(fd, ownsHandle: true);
        RandomAccess.Write(file, bytes, 0);
        lock (_lock)
            _files.Add(file);
        return $"/proc/self/fd/{fd}";
    }

    /// <summary>Closes the files; objects opened with them must have been loaded already.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var file in _files)
                file.Dispose();
            _files.Clear();
        }
    }
}
