namespace NetTrace.Abstractions.Events;

/// <summary>Mirror of NT_EXTRA_*: which plugin entry program filled an <see cref="SkbExtraRecord"/>.</summary>
public enum SkbExtraKind : byte
{
    None = 0,

    /// <summary>nf_hook_slow: protocol family, hook and the hook functions still to run.</summary>
    NetfilterHook = 1,

    /// <summary>iptables-legacy: protocol family, hook and table name.</summary>
    NetfilterTable = 2,

    /// <summary>nftables and iptables-nft: protocol family, hook, table and chain names.</summary>
    NetfilterChain = 3,

    /// <summary>__icmp_send, icmp6_send: the ICMP error sent about the packet (<see cref="PathEvidence"/>).</summary>
    IcmpError = 4,

    /// <summary>The neighbour the packet waits on or is dropped for: address and NUD state (<see cref="PathEvidence"/>).</summary>
    Neighbour = 5,

    /// <summary>ip_error: the route lookup's errno behind an error route (<see cref="PathEvidence"/>).</summary>
    RouteError = 6,

    /// <summary>tcp_conn_request, tcp_v4/v6_syn_recv_sock: the listener's accept and SYN queues (<see cref="ListenerEvidence"/>).</summary>
    Listener = 7,
}
