using NetTrace.Abstractions.Plugins;

namespace Contoso.NetTrace.UdpDrops;

/// <summary>
/// The plugin's single entry point: declares the udp-drops group (its catalogue, BPF object, record kind, decoder,
/// renderer and rules, its part in --monitor and its metric). The host finds this class because it implements
/// <see cref="INetTracePlugin"/>.
/// </summary>
public sealed class UdpDropsPlugin : INetTracePlugin
{
    public const string GroupName = "udp-drops";
    public const string TraceName = "udp_fail_queue_rcv_skb";

    /// <summary>
    /// Stamped by the host into every record this group's object emits. nettrace keeps 1-255 for its own groups;
    /// a vendor fixes one from 0x1000-0xffff (0x5544: "UD"). A clash is refused at start, naming both groups.
    /// </summary>
    public const ushort Owner = 0x5544;

    private const string ObjectResource = "udp_drops.bpf.o";
    private const string RulesResource = "udp-drops.rules";

    /// <summary>Best target first: tp_btf (typed), then raw_tp. The classic tracepoint carries no skb, so it is not offered.</summary>
    public static IReadOnlyList<TraceSpec> Catalogue { get; } =
    [
        new TraceSpec(TraceName,
        [
            new AttachTarget(AttachKind.TpBtf, "udpd_tp_btf", TraceName),
            new AttachTarget(AttachKind.RawTracepoint, "udpd_raw_tp", TraceName),
        ])
        {
            SkbArg = 2,
            SockArg = 1,
            Description = "a datagram is dropped: its socket's receive buffer (or net.ipv4.udp_mem) is full",
        },
    ];

    public void Register(IPluginRegistry registry) =>
        registry.AddGroup(new TraceGroup(
            GroupName,
            Owner,
            () => Resource(ObjectResource),
            Catalogue,
            [new EventKindSpec(UdpDropRecord.Kind, "udp-queue-fail", PacketShaped: true)],
            new UdpDropDecoder(),
            new UdpDropRenderer())
        {
            Description = "UDP datagrams a socket could not queue, with its receive buffer (Contoso sample plugin)",
            ModeOnly = true,
            Rules = [new RuleSource(RulesResource, ReadText(RulesResource))],
            // --monitor runs every trace of the group and prints its lines under the trace's name; --metrics serves
            // its counter. Nothing else is needed for either: the host finds both here.
            Serves = new() { Monitor = MonitorTraces.All },
            MonitorPoint = TraceName,
            Metrics = UdpDropMetrics.Declaration,
        });

    private static string ReadText(string name)
    {
        using var reader = new StreamReader(Resource(name));
        return reader.ReadToEnd();
    }

    private static Stream Resource(string name) =>
        typeof(UdpDropsPlugin).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"{name} is not embedded in {typeof(UdpDropsPlugin).Assembly.GetName().Name}");
}
