using System.Buffers.Binary;
using System.Net;

namespace NetTrace.Tests.Shared;

/// <summary>
/// Packets built byte by byte for the filter tests: from the IP header (DLT_RAW), or as Ethernet frames. Compiled into
/// the unit tier (libpcap against nettrace's interpreter) and the host tier (against the kernel running the translation).
/// </summary>
internal static class PcapPackets
{
    public const byte Tcp = 6, Udp = 17, Icmp = 1, Icmp6 = 58, HopByHop = 0;

    public static byte[] Ipv4(string src, string dst, byte proto, byte[] l4, ushort fragment = 0)
    {
        var p = new byte[20 + l4.Length];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), fragment);
        p[8] = 64;
        p[9] = proto;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(p, 12);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(p, 16);
        l4.CopyTo(p, 20);
        return p;
    }

    public static byte[] Ipv6(string src, string dst, byte next, byte[] payload)
    {
        var p = new byte[40 + payload.Length];
        p[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)payload.Length);
        p[6] = next;
        p[7] = 64;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(p, 8);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(p, 24);
        payload.CopyTo(p, 40);
        return p;
    }

    /// <summary>A hop-by-hop options header (8 bytes, padding only) in front of <paramref name="payload"/>.</summary>
    public static byte[] HopByHopHeader(byte next, byte[] payload) => [next, 0, 1, 4, 0, 0, 0, 0, .. payload];

    public static byte[] TcpHeader(ushort sport, ushort dport, byte flags, int payload = 0)
    {
        var t = new byte[20 + payload];
        BinaryPrimitives.WriteUInt16BigEndian(t, sport);
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(4), 1000);
        t[12] = 0x50;
        t[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(14), 64240);
        return t;
    }

    public static byte[] UdpHeader(ushort sport, ushort dport, int payload = 0)
    {
        var u = new byte[8 + payload];
        BinaryPrimitives.WriteUInt16BigEndian(u, sport);
        BinaryPrimitives.WriteUInt16BigEndian(u.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt16BigEndian(u.AsSpan(4), (ushort)u.Length);
        return u;
    }

    public static byte[] IcmpHeader(byte type, byte code = 0) => [type, code, 0, 0, 0, 1, 0, 1];

    public static byte[] Ethernet(ushort etherType, byte[] payload, ushort? vlan = null)
    {
        byte[] dst = [0x02, 0, 0, 0, 0, 2], src = [0x02, 0, 0, 0, 0, 1];
        var header = new List<byte>([.. dst, .. src]);
        if (vlan is { } id)
            header.AddRange([0x81, 0x00, (byte)(id >> 8), (byte)id]);
        header.AddRange([(byte)(etherType >> 8), (byte)etherType]);
        return [.. header, .. payload];
    }

    /// <summary>An ARP request for <paramref name="target"/> from <paramref name="sender"/>.</summary>
    public static byte[] Arp(string sender, string target)
    {
        var a = new byte[28];
        a[1] = 1; a[2] = 0x08; a[4] = 6; a[5] = 4; a[7] = 1;
        a[8] = 0x02; a[13] = 1;
        IPAddress.Parse(sender).GetAddressBytes().CopyTo(a, 14);
        IPAddress.Parse(target).GetAddressBytes().CopyTo(a, 24);
        return a;
    }

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
