using System.Net.Sockets;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Host.Session.Options;

/// <summary>
/// A -p/--proto value as the kernel filter wants it: an EtherType and an IP protocol number, 0 meaning "any".
/// </summary>
internal sealed record ProtocolFilter(string Name, ushort EtherType, byte IpProtocol)
{
    public static readonly ProtocolFilter Tcp = new("tcp", 0, IpProtocols.Tcp);
    public static readonly ProtocolFilter Udp = new("udp", 0, IpProtocols.Udp);
    public static readonly ProtocolFilter Icmp = new("icmp", EtherTypes.IPv4, IpProtocols.Icmp);
    public static readonly ProtocolFilter IcmpV6 = new("icmpv6", EtherTypes.IPv6, IpProtocols.IcmpV6);
    public static readonly ProtocolFilter Arp = new("arp", EtherTypes.ARP, 0);
    public static readonly ProtocolFilter IPv4 = new("ipv4", EtherTypes.IPv4, 0);
    public static readonly ProtocolFilter IPv6 = new("ipv6", EtherTypes.IPv6, 0);

    /// <summary>The canonical protocols, in the order help and error messages list them.</summary>
    public static IReadOnlyList<ProtocolFilter> All { get; } = [Tcp, Udp, Icmp, IcmpV6, Arp, IPv4, IPv6];

    private static readonly Dictionary<string, ProtocolFilter> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = Tcp,
        ["udp"] = Udp,
        ["icmp"] = Icmp,
        ["icmpv6"] = IcmpV6,
        ["icmp6"] = IcmpV6,
        ["arp"] = Arp,
        ["ip"] = IPv4,
        ["ipv4"] = IPv4,
        ["ipv6"] = IPv6,
        ["ip6"] = IPv6,
    };

    /// <summary>Every name and alias --proto takes, canonical ones first (what shells complete).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name), .. ByName.Keys.Except(All.Select(p => p.Name))];

    /// <summary>Looks a name or alias up, ignoring case.</summary>
    public static ProtocolFilter? Find(string name) => ByName.GetValueOrDefault(name.Trim());

    /// <summary>Whether a port filter can match: TCP, UDP, or an IP protocol left open.</summary>
    public bool HasPorts => IpProtocol is IpProtocols.Tcp or IpProtocols.Udp || (IpProtocol == 0 && EtherType != EtherTypes.ARP);

    /// <summary>Whether TCP segments can match (so --tcp-flags makes sense).</summary>
    public bool CanCarryTcp => IpProtocol == IpProtocols.Tcp || (IpProtocol == 0 && EtherType != EtherTypes.ARP);

    /// <summary>The one address family this protocol implies, or null when it works over both.</summary>
    public AddressFamily? Family => EtherType switch
    {
        EtherTypes.IPv4 or EtherTypes.ARP => AddressFamily.InterNetwork,
        EtherTypes.IPv6 => AddressFamily.InterNetworkV6,
        _ => null,
    };

    public override string ToString() => Name;
}
