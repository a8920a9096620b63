namespace NetTrace.Plugins.Path;

/// <summary>
/// The plugin's BPF object (bpf/path.bpf.c): entry programs that read an ICMP error, a neighbour or a route
/// error beside the skb. Groups with an object each need an owner id of their own, though their hits are the
/// host's skb records.
/// </summary>
internal static class PathObject
{
    private const string Resource = "path.bpf.o";

    public const ushort IcmpOwner = 10;
    public const ushort RouteOwner = 11;
    public const ushort NeighbourOwner = 12;

    public static Stream Open() =>
        typeof(PathObject).Assembly.GetManifestResourceStream(Resource)
        ?? throw new InvalidOperationException($"{Resource} is not embedded in the path plugin");
}
