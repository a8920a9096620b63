namespace NetTrace.Host.Bpf;

/// <summary>A compiled BPF object's bytes, as <see cref="BpfObject.Open"/> takes them.</summary>
internal static class ObjectImage
{
    public static byte[] Read(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>An object embedded in nettrace itself (bpf/Bpf.targets names it "&lt;file&gt;.o").</summary>
    public static byte[] Embedded(string resource)
    {
        using var stream = typeof(ObjectImage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in nettrace");
        return Read(stream);
    }
}
