using NetTrace.Bpf.Handles;

namespace NetTrace.Bpf;

/// <summary>An attached program; disposing detaches it.</summary>
internal sealed class BpfLink(BpfLinkHandle handle, string description) : IDisposable
{
    public string Description { get; } = description;

    public void Dispose() => handle.Dispose();
}
