namespace NetTrace.Plugins.Tcp;

/// <summary>
/// The plugin's BPF object (bpf/tcp.bpf.c): entry programs that read a listener's queues beside the skb. The
/// group that uses it needs an owner id of its own, though its hits are the host's skb records.
/// </summary>
internal static class TcpObject
{
    private const string Resource = "tcp.bpf.o";

    public const ushort InOwner = 13;

    public static Stream Open() =>
        typeof(TcpObject).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException($"{Resource} is not embedded in the tcp plugin");
}
