namespace NetTrace.Abstractions.Netfilter;

/// <summary>The kernel's netfilter numbers as people name them: protocol families, hooks and verdicts.</summary>
public static class NetfilterNames
{
    public const byte Inet = 1;
    public const byte Ipv4 = 2;
    public const byte Arp = 3;
    public const byte Netdev = 5;
    public const byte Bridge = 7;
    public const byte Ipv6 = 10;

    /// <summary>NFPROTO_* as nettrace prints it ("ipv4", "bridge").</summary>
    public static string Family(byte pf) => pf switch
    {
        Inet => "inet",
        Ipv4 => "ipv4",
        Arp => "arp",
        Netdev => "netdev",
        Bridge => "bridge",
        Ipv6 => "ipv6",
        _ => $"pf{pf}",
    };

    /// <summary>The hook's name within its family (NF_INET_*, NF_ARP_*, NF_NETDEV_*).</summary>
    public static string Hook(byte pf, byte hook) => pf switch
    {
        Arp => hook switch { 0 => "IN", 1 => "OUT", 2 => "FORWARD", _ => $"HOOK{hook}" },
        Netdev => hook switch { 0 => "INGRESS", 1 => "EGRESS", _ => $"HOOK{hook}" },
        _ => hook switch
        {
            0 => "PRE_ROUTING",
            1 => "LOCAL_IN",
            2 => "FORWARD",
            3 => "LOCAL_OUT",
            4 => "POST_ROUTING",
            5 => "INGRESS",
            _ => $"HOOK{hook}",
        },
    };

    /// <summary>iptables' built-in chain for a hook ("PREROUTING").</summary>
    public static string BuiltinChain(byte hook) => hook switch
    {
        0 => "PREROUTING",
        1 => "INPUT",
        2 => "FORWARD",
        3 => "OUTPUT",
        4 => "POSTROUTING",
        _ => $"HOOK{hook}",
    };

    /// <summary>
    /// The verdict a traced function's return value stands for: ipt_do_table and nft_do_chain return
    /// NF_* verdicts; nf_hook_slow returns 1 (go on), -EPERM (dropped) or 0 (stolen or queued).
    /// Since 6.x nf_tables frees a dropped packet itself and returns NF_STOLEN with the errno in the upper
    /// 16 bits (NF_DROP_REASON): that is a drop.
    /// </summary>
    public static string? Verdict(string trace, long ret) => trace switch
    {
        "nf_hook_slow" => ret switch { 1 => "accept", < 0 => "drop", 0 => "stolen", _ => null },
        "ipt_do_table" or "ip6t_do_table" or "arpt_do_table" or "nft_do_chain" => TableVerdict((uint)ret),
        _ => null,
    };

    private static string? TableVerdict(uint verdict) =>
        (verdict & 0xff) == 2 && verdict >> 16 != 0 ? "drop" : (verdict & 0xff) switch
        {
            0 => "drop",
            1 => "accept",
            2 => "stolen",
            3 => "queue",
            4 => "repeat",
            5 => "stop",
            _ => null,
        };
}
