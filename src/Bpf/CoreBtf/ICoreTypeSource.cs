namespace NetTrace.Bpf;

/// <summary>
/// Where a session's BPF objects find the kernel's types: the CO-RE subset each object is relocated against, and the
/// BTF ids fentry/fexit programs attach by. <see cref="KernelCoreBtf"/> answers from the kernel's parsed BTF;
/// <see cref="SavedCoreBtf"/> from subsets an earlier session of the boot left, with no BTF parsed at all.
/// </summary>
public interface ICoreTypeSource
{
    /// <summary>The path of the subset for the object <paramref name="elfImage"/>, or null (libbpf reads the kernel's whole BTF).</summary>
    string? PathFor(ReadOnlySpan<byte> elfImage, string objectName);

    /// <summary>A fentry/fexit attach point's BTF id and module BTF fd (0: the kernel's), or null (libbpf looks it up).</summary>
    (uint Id, int ObjectFd)? FindFunction(string function);
}
