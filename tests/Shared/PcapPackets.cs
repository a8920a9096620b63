using NetTrace.Abstractions.Packets;

namespace NetTrace.Tests.Shared;

/// <summary>
/// Packets built byte by byte for the filter tests: from the IP header (DLT_RAW), or as Ethernet frames. Compiled into
/// the unit tier (libpcap against nettrace's interpreter) and the host tier (against the kernel running the translation).
/// </summary>
internal static class PcapPackets
{
    public const byte Tcp = 6, Udp = 17, Icmp = 1, Icmp6 = 58, HopByHop = 0;

    private static byte[] Ipv4(string src, string dst, byte proto, byte[] l4, ushort fragment = 0) =>
        PacketBytes.IPv4(proto, src, dst, l4, fragment: fragment);

    private static byte[] Ipv6(string src, string dst, byte next, byte[] payload) => PacketBytes.IPv6(next, src, dst, payload);

    private static byte[] HopByHopHeader(byte next, byte[] payload) => [.. PacketBytes.HopByHopRouterAlert(next), .. payload];

    private static byte[] TcpHeader(ushort sport, ushort dport, byte flags, int payload = 0) =>
        [.. PacketBytes.Tcp(sport, dport, 1000, 0, (TcpFlags)flags), .. new byte[payload]];

    private static byte[] UdpHeader(ushort sport, ushort dport, int payload = 0) => PacketBytes.Udp(sport, dport, payload);

    private static byte[] IcmpHeader(byte type, byte code = 0) => PacketBytes.Icmp(type, code, 0x00010001);

    private static byte[] Ethernet(ushort etherType, byte[] payload, ushort? vlan = null)
    {
        byte[] addresses = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1];
        byte[] tag = vlan is { } id ? [0x81, 0x00, (byte)(id >> 8), (byte)id] : [];
        return [.. addresses, .. tag, (byte)(etherType >> 8), (byte)etherType, .. payload];
    }

    private static byte[] Arp(string sender, string target) => PacketBytes.Arp(1, sender, target);

    /// <summary>Every IP packet of the corpus, from its IP header.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Layer3 { get; } =
    [
        ("tcp syn 10.0.0.1:1234 > 10.77.0.2:443", Ipv4("10.0.0.1", "10.77.0.2", Tcp, TcpHeader(1234, 443, 0x02))),
        ("tcp rst 10.77.0.2:443 > 10.0.0.1:1234", Ipv4("10.77.0.2", "10.0.0.1", Tcp, TcpHeader(443, 1234, 0x14))),
        ("tcp ack with 200 bytes 192.168.1.5:22 > 10.0.0.1:50000", Ipv4("192.168.1.5", "10.0.0.1", Tcp, TcpHeader(22, 50000, 0x10, 200))),
        ("udp 10.77.0.1:5353 > 10.77.0.9:53", Ipv4("10.77.0.1", "10.77.0.9", Udp, UdpHeader(5353, 53, 12))),
        ("udp 172.16.0.1:1500 > 8.8.8.8:9999", Ipv4("172.16.0.1", "8.8.8.8", Udp, UdpHeader(1500, 9999))),
        ("icmp echo request", Ipv4("10.0.0.1", "10.77.0.2", Icmp, IcmpHeader(8))),
        ("icmp echo reply", Ipv4("10.77.0.2", "10.0.0.1", Icmp, IcmpHeader(0))),
        ("icmp port unreachable", Ipv4("10.77.0.2", "10.0.0.1", Icmp, IcmpHeader(3, 3))),
        ("udp first fragment", Ipv4("10.0.0.1", "10.77.0.2", Udp, UdpHeader(1000, 2000, 40), fragment: 0x2000)),
        ("udp later fragment", Ipv4("10.0.0.1", "10.77.0.2", Udp, new byte[48], fragment: 0x0006)),
        ("tcp6 syn", Ipv6("fd00::1", "fd00::2", Tcp, TcpHeader(40000, 443, 0x02))),
        ("udp6 dns", Ipv6("fd00::2", "fd00:77::9", Udp, UdpHeader(5353, 53))),
        ("icmp6 echo request", Ipv6("fd00::1", "fd00::2", Icmp6, IcmpHeader(128))),
        ("icmp6 behind hop-by-hop", Ipv6("fe80::1", "ff02::16", HopByHop, HopByHopHeader(Icmp6, IcmpHeader(143)))),
        ("tcp cut after the ip header", Ipv4("10.0.0.1", "10.77.0.2", Tcp, TcpHeader(1234, 443, 0x02))[..20]),
    ];

    /// <summary>Frames with their Ethernet header: the IP packets above, one VLAN-tagged, and ARP.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Layer2 { get; } =
    [
        .. Layer3.Select(p => ($"eth {p.Name}", Ethernet((p.Bytes[0] >> 4) == 6 ? (ushort)0x86dd : (ushort)0x0800, p.Bytes))),
        ("vlan 100 udp", Ethernet(0x0800, Ipv4("10.77.0.1", "10.77.0.9", Udp, UdpHeader(5353, 53)), vlan: 100)),
        ("vlan 200 tcp", Ethernet(0x0800, Ipv4("10.0.0.1", "10.77.0.2", Tcp, TcpHeader(1234, 443, 0x02)), vlan: 200)),
        ("arp who-has 10.77.0.2", Ethernet(0x0806, Arp("10.77.0.1", "10.77.0.2"))),
    ];
}
