using NetTrace.Host.Bpf.Handles;

namespace NetTrace.Host.Bpf;

/// <summary>An attached program; disposing detaches it.</summary>
internal sealed class BpfLink(BpfLinkHandle handle, string description) : IDisposable
{
    public string Description { get; } = description;

    public void Dispose() => handle.Dispose();
}
