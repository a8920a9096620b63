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

    /// <summary>
    /// Upstream's socket groups, for --sock's -t: tcp-state, tcp-congestion and tcp-retrans, their parent socket,
    /// and the name its kprobe line gives the destroy (this project traces the tcp_destroy_sock tracepoint).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> SockAliases { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["tcp-state"] = ["inet_listen", "tcp_destroy_sock", "tcp_close", "tcp_send_active_reset", "tcp_ack_update_rtt"],
        ["tcp-congestion"] = ["tcp_write_timer_handler", "tcp_retransmit_timer", "tcp_enter_recovery", "tcp_enter_loss",
            "tcp_try_keep_open", "tcp_enter_cwr", "tcp_fastretrans_alert", "tcp_rearm_rto", "tcp_event_new_data_sent",
            "tcp_schedule_loss_probe"],
        ["tcp-retrans"] = ["tcp_rtx_synack", "tcp_retransmit_skb", "tcp_rcv_spurious_retrans", "tcp_dsack_set"],
        ["socket"] = ["inet_listen", "tcp_destroy_sock", "tcp_close", "tcp_send_active_reset", "tcp_ack_update_rtt",
            "tcp_write_timer_handler", "tcp_retransmit_timer", "tcp_enter_recovery", "tcp_enter_loss", "tcp_try_keep_open",
            "tcp_enter_cwr", "tcp_fastretrans_alert", "tcp_rearm_rto", "tcp_event_new_data_sent", "tcp_schedule_loss_probe",
            "tcp_rtx_synack", "tcp_retransmit_skb", "tcp_rcv_spurious_retrans", "tcp_dsack_set"],
        ["tcp_v4_destroy_sock"] = ["tcp_destroy_sock"],
    };
}
