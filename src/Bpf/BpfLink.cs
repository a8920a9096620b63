using NetTrace.Bpf.Handles;

namespace NetTrace.Bpf;

/// <summary>An attached program; disposing detaches it.</summary>
public sealed class BpfLink : IDisposable
{
    private readonly BpfLinkHandle _handle;

    internal BpfLink(BpfLinkHandle handle, string description)
    {
        _handle = handle;
        Description = description;
    }

    /// <summary>What is attached where, as "kind:target" (shown by -v and in the trace tree).</summary>
    public string Description { get; }

    /// <summary>Detaches the program.</summary>
    public void Dispose() => _handle.Dispose();
}
