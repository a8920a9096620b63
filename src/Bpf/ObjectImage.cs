namespace NetTrace.Bpf;

/// <summary>A compiled BPF object's bytes, as <see cref="BpfObject.Open(ReadOnlySpan{byte}, string)"/> takes them.</summary>
public static class ObjectImage
{
    /// <summary>The whole of <paramref name="stream"/>, e.g. a plugin's embedded object.</summary>
    public static byte[] Read(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>An object embedded in <paramref name="assembly"/> (bpf/Bpf.targets names it "&lt;file&gt;.o").</summary>
    public static byte[] Embedded(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in {assembly.GetName().Name}");
        return Read(stream);
    }
}
