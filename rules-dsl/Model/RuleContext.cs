using NetTrace.Abstractions.Rules;

namespace NetTrace.Rules.Model;

/// <summary>What rules may refer to: the traces and groups the loaded plugins declare, and the event fields.</summary>
public sealed record RuleContext(
    IReadOnlyCollection<string> Traces,
    IReadOnlyCollection<string> Groups,
    IReadOnlyList<RuleField> Fields)
{
    /// <summary>
    /// Groups no plugin declares, which a session makes from what the kernel has: every skb function (-t kernel) and
    /// the loaded tc and XDP programs (--bpf-progs). Rules may watch them by group (their traces' names vary).
    /// </summary>
    public static IReadOnlyList<string> SessionGroups { get; } = ["kernel", "bpf_progs"];

    /// <summary>The fields the host's events carry; plugins may add more.</summary>
    public static IReadOnlyList<RuleField> DefaultFields { get; } =
    [
        new("ret", RuleFieldType.Number, "function return value"),
        new("reason", RuleFieldType.Text, "drop reason name without SKB_DROP_REASON_ (e.g. NO_SOCKET)"),
        new("location", RuleFieldType.Text, "kfree_skb location symbol"),
        new("location_func", RuleFieldType.Text, "the function of kfree_skb's location, without the offset"),
        new("pf", RuleFieldType.Text, "netfilter protocol family: ipv4, ipv6, bridge, arp"),
        new("hook", RuleFieldType.Text, "netfilter hook: PRE_ROUTING, LOCAL_IN, FORWARD, LOCAL_OUT, POST_ROUTING"),
        new("table", RuleFieldType.Text, "iptables/nftables table"),
        new("chain", RuleFieldType.Text, "iptables/nftables chain"),
        new("verdict", RuleFieldType.Text, "netfilter verdict: accept, drop, ..."),
        new("nf_family", RuleFieldType.Text, "the table's family as nft names it: ip, ip6, inet, bridge, arp, netdev"),
        new("policy", RuleFieldType.Text, "the chain's policy: accept or drop"),
        new("firewall", RuleFieldType.Text, "the table's owner: nftables, iptables-nft, ip6tables-nft, iptables-legacy, ..."),
        new("state", RuleFieldType.Text, "TCP state"),
        new("rtt", RuleFieldType.Number, "TCP round-trip time in ms"),
        new("srtt", RuleFieldType.Number, "TCP smoothed round-trip time in ms"),
        new("flags", RuleFieldType.Text, "TCP flags letters"),
        new("ifname", RuleFieldType.Text, "network interface name"),
        new("saddr", RuleFieldType.Address, "source IPv4 or IPv6 address (ARP: the sender's)"),
        new("daddr", RuleFieldType.Address, "destination IPv4 or IPv6 address (ARP: the target's)"),
        new("sport", RuleFieldType.Number, "TCP or UDP source port"),
        new("dport", RuleFieldType.Number, "TCP or UDP destination port"),
        new("proto", RuleFieldType.Text, "protocol, as -p names it: tcp, udp, icmp, icmpv6, arp"),
        new("len", RuleFieldType.Number, "IP packet length (IPv4 total length, IPv6 payload length + 40)"),
        new("tcp_payload", RuleFieldType.Number, "TCP data bytes the segment carries (0: a pure ACK, SYN or FIN)"),
        new("ttl", RuleFieldType.Number, "IPv4 TTL or IPv6 hop limit"),
        new("icmp_type", RuleFieldType.Number, "ICMP or ICMPv6 message type"),
        new("icmp_code", RuleFieldType.Number, "ICMP or ICMPv6 message code"),
        new("netns", RuleFieldType.Number, "inode of the network namespace the packet was seen in"),
        new("bpf_prog", RuleFieldType.Text, "--bpf-progs: the tc or XDP program's name"),
        new("bpf_prog_id", RuleFieldType.Number, "--bpf-progs: the program's id (bpftool prog show id N)"),
        new("bpf_hook", RuleFieldType.Text, "--bpf-progs: where the program ran: tc-ingress, tc-egress, xdp"),
        new("mark", RuleFieldType.Number, "skb->mark where the packet was seen (a firewall's MARK, a socket's SO_MARK)"),
        new("icmp_error", RuleFieldType.Text, "ICMP error sent about the packet: ttl-exceeded, frag-needed, port-unreachable..."),
        new("icmp_mtu", RuleFieldType.Number, "next-hop MTU of an ICMP fragmentation needed / packet too big"),
        new("neigh", RuleFieldType.Text, "address of the neighbour the packet waits on or is dropped for"),
        new("neigh_state", RuleFieldType.Text, "that neighbour's NUD state: INCOMPLETE, FAILED, STALE..."),
        new("route_error", RuleFieldType.Text, "errno of a failed route lookup: ENETUNREACH, EHOSTUNREACH, EACCES, EINVAL"),
        new("accept_queue", RuleFieldType.Number, "a listener's connections waiting for accept()"),
        new("accept_backlog", RuleFieldType.Number, "a listener's listen() backlog"),
        new("accept_queue_full", RuleFieldType.Number, "1 when a listener's accept queue is full (more waiting than the backlog), else 0"),
        new("syn_queue", RuleFieldType.Number, "a listener's connection requests still in the handshake (SYN received)"),
        new("syn_queue_full", RuleFieldType.Number, "1 when a listener's SYN queue holds as many requests as its backlog, else 0"),
        new("qdisc_len", RuleFieldType.Number, "packets in the qdisc's queue at qdisc_enqueue/qdisc_dequeue (lockless qdiscs: 0)"),
        new("qdisc_flags", RuleFieldType.Text, "the qdisc's TCQ_F_* flags in hex, e.g. 0x4"),
        new("qdisc_txq_state", RuleFieldType.Text, "its transmit queue's state bits in hex (0x1: stopped by the driver)"),
        new("qdisc_txq_stopped", RuleFieldType.Number, "1 when the driver or the stack stopped the transmit queue, else 0"),
        new("qdisc_idle", RuleFieldType.Text, "how long ago the transmit queue last sent: 12ms, or unknown (LLTX devices such as veth)"),
    ];

    public RuleField? FindField(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
                return field;
        }
        return null;
    }
}
