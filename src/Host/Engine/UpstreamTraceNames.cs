namespace NetTrace.Host.Engine;

/// <summary>
/// The names upstream nettrace's -t takes that this catalogue names otherwise: its parent groups (link, ip,
/// tcp...), its finer groups this project folds into one (pkt-in, esp), its renamed groups (ip-route, icmp-in) and
/// its btf branch's name for the receive core. Each stands for this project's groups and traces; "all" for every
/// trace. This catalogue's own names come first, so "netfilter" keeps meaning this project's group (upstream's
/// parent of the same name also holds conntrack: -t netfilter,conntrack says that).
/// </summary>
internal static class UpstreamTraceNames
{
    public const string All = "all";

    public static IReadOnlyDictionary<string, string[]> Aliases { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["link"] = ["link-in", "link-out", "sched", "ipvlan", "bridge", "arp", "neigh", "bonding", "vxlan", "vlan", "ovs"],
        ["pkt-in"] = ["packet_rcv", "tpacket_rcv"],
        ["pkt-output"] = ["packet_direct_xmit"],
        ["ip"] = ["ip-in", "ip-out", "xfrm", "route"],
        ["ip-route"] = ["route"],
        ["esp"] = ["ah_output", "esp_output", "esp_output_tail", "ah_input", "esp_input"],
        ["tcp"] = ["tcp-in", "tcp-out"],
        ["udp"] = ["udp-in"],
        ["icmp-in"] = ["icmp"],
        ["netif_receive_skb"] = ["__netif_receive_skb_core"],
    };
}
