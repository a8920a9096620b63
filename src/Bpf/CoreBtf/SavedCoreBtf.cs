using NetTrace.Bpf.CoreBtf;

namespace NetTrace.Bpf;

/// <summary>
/// CO-RE subsets an earlier session of the boot made (<see cref="KernelCoreBtf.SubsetMade"/>), handed to objects whose
/// kernel type names are the same, so a session that needs nothing else from the kernel's BTF parses none of it. An
/// object with other names gets none: libbpf relocates it against the kernel's whole BTF, as it would with no subset.
/// fentry/fexit attach points are left to libbpf.
/// </summary>
public sealed class SavedCoreBtf(IReadOnlyDictionary<string, byte[]> subsets) : ICoreTypeSource, IDisposable
{
    private readonly AnonymousFiles _files = new();

    /// <summary>What <see cref="PathFor"/> decided for each object (for -v).</summary>
    public Action<string>? Report { get; set; }

    /// <inheritdoc/>
    public string? PathFor(ReadOnlySpan<byte> elfImage, string objectName)
    {
        byte[]? subset = KernelCoreBtf.TypeNamesKey(elfImage) is { } key ? subsets.GetValueOrDefault(key) : null;
        string? path = subset is null ? null : _files.Write(subset);
        Report?.Invoke(path is null
            ? $"{objectName}: CO-RE against the kernel's whole BTF: no subset of the boot has its types"
            : $"{objectName}: CO-RE against the boot's saved subset ({subset!.Length / 1024} KB)");
        return path;
    }

    /// <inheritdoc/>
    public (uint Id, int ObjectFd)? FindFunction(string function) => null;

    /// <summary>Closes the files; objects opened with them must have been loaded already.</summary>
    public void Dispose() => _files.Dispose();
}
