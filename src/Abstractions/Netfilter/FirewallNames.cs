using NetTrace.Abstractions.Events;

namespace NetTrace.Abstractions.Netfilter;

/// <summary>
/// Which firewall front end owns the table a verdict came from, and how its own tools name the table's
/// family and the chain's policy, so a finding can point at the command that lists the rule.
/// </summary>
public static class FirewallNames
{
    public const string Nftables = "nftables";

    // The tables iptables-nft (and ebtables-nft, arptables-nft) create: native nftables users may reuse these
    // names, but not with iptables' upper-case built-in chain names as well.
    private static readonly string[] XtablesTables = ["filter", "nat", "mangle", "raw", "security", "broute"];

    /// <summary>
    /// "nftables", "iptables-nft", "ip6tables-nft", "ebtables-nft", "arptables-nft", "iptables-legacy" or
    /// "ip6tables-legacy"; null when the hit is no table verdict.
    /// </summary>
    public static string? Owner(SkbExtraRecord extra) => extra.Kind switch
    {
        SkbExtraKind.NetfilterTable => $"{Tool(Family(extra) == NetfilterNames.Ipv6 ? NetfilterNames.Ipv6 : NetfilterNames.Ipv4)}-legacy",
        SkbExtraKind.NetfilterChain when IsXtablesChain(extra) => $"{Tool(Family(extra))}-nft",
        SkbExtraKind.NetfilterChain => Nftables,
        _ => null,
    };

    /// <summary>The table's family as nft names it (ip, ip6, inet, arp, bridge, netdev); null unknown.</summary>
    public static string? TableFamily(SkbExtraRecord extra) => Family(extra) switch
    {
        0 => null,
        NetfilterNames.Inet => "inet",
        NetfilterNames.Ipv4 => "ip",
        NetfilterNames.Arp => "arp",
        NetfilterNames.Netdev => "netdev",
        NetfilterNames.Bridge => "bridge",
        NetfilterNames.Ipv6 => "ip6",
        byte other => $"family{other}",
    };

    /// <summary>The chain's policy (accept, drop); null when the kernel did not say.</summary>
    public static string? Policy(SkbExtraRecord extra) => extra.Policy switch
    {
        1 => "drop",
        2 => "accept",
        _ => null,
    };

    /// <summary>The chain the verdict was taken in: nftables names it, iptables-legacy runs the hook's built-in chain.</summary>
    public static string? Chain(SkbExtraRecord extra) => extra.Kind switch
    {
        SkbExtraKind.NetfilterChain => extra.Chain,
        SkbExtraKind.NetfilterTable => NetfilterNames.BuiltinChain(extra.Hook),
        _ => null,
    };

    /// <summary>The table's family; records made before nettrace read it carry only the hook's, the same for xtables tables.</summary>
    private static byte Family(SkbExtraRecord extra) => extra.TableFamily != 0 ? extra.TableFamily : extra.Pf;

    private static bool IsXtablesChain(SkbExtraRecord extra) =>
        Family(extra) is NetfilterNames.Ipv4 or NetfilterNames.Ipv6 or NetfilterNames.Arp or NetfilterNames.Bridge
        && XtablesTables.Contains(extra.Table, StringComparer.Ordinal)
        && extra.Chain is { Length: > 0 } chain && chain.All(c => char.IsAsciiLetterUpper(c) || c == '_');

    private static string Tool(byte family) => family switch
    {
        NetfilterNames.Ipv6 => "ip6tables",
        NetfilterNames.Arp => "arptables",
        NetfilterNames.Bridge => "ebtables",
        _ => "iptables",
    };
}
