namespace NetTrace.Tests.Shared;

/// <summary>
/// Filter expressions for the tests: a fixed list of what users write, and random ones from a small grammar of
/// pcap-filter(7) primitives joined by and/or/not (seeded, so a failure repeats).
/// </summary>
internal static class PcapExpressionCorpus
{
    public static IReadOnlyList<string> Layer3 { get; } =
    [
        "tcp", "udp", "icmp", "icmp6", "ip", "ip6", "not icmp", "tcp and dst port 443", "tcp and port 443",
        "net 10.77.0.0/24 and udp", "src net 10.0.0.0/8", "host 10.0.0.1 and not port 22", "dst host 10.77.0.2",
        "tcp[tcpflags] & tcp-rst != 0", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn", "icmp[icmptype] == icmp-echoreply",
        "icmp[icmptype] != icmp-echo and icmp", "ip[6:2] & 0x1fff != 0", "ip[6] & 0x20 != 0", "greater 100", "less 60",
        "portrange 1000-2000", "udp portrange 50-60", "ip proto 17", "ip6 and tcp", "ip6 and udp dst port 53",
        "icmp6 and ip6[40] == 128", "ip6 proto 0", "ip host 10.0.0.1 or ip6 host fd00::1", "len >= 60 and len <= 100",
        "tcp[2:2] > 1000", "udp[8:4] = 0", "tcp and not (port 443 or port 22)", "src port 1234 or dst port 53",
        "ip[8] < 65", "ip6 net fd00::/16", "not ip6 and not tcp", "ip[0] & 0xf > 5", "tcp[13] * 2 > 40",
        "ip[2:2] / 4 > 10", "ip[2:2] % 7 == 1", "tcp[12] >> 4 == 5", "ip[9] << 2 == 24", "ip[1] - 1 == 255",
        "tcp[100] == 0", "ip[80:2] == 0", "tcp[60:4] != 1", "ip6[70] == 0", // beyond the 64 bytes the filter reads ahead
    ];

    private static readonly string[] Primitives =
    [
        "tcp", "udp", "icmp", "icmp6", "ip", "ip6", "port 443", "port 53", "dst port 443", "src port 1234", "host 10.0.0.1",
        "dst host 10.77.0.2", "net 10.77.0.0/24", "src net 10.0.0.0/8", "greater 60", "less 50", "portrange 1-1500",
        "tcp[tcpflags] & tcp-syn != 0", "tcp[tcpflags] & tcp-rst != 0", "icmp[icmptype] == icmp-echo", "ip[6:2] & 0x1fff != 0",
        "ip6 host fd00::1", "ip proto 17", "ip[8] == 64", "len > 100", "tcp[12] >> 4 >= 5", "udp[4:2] > 16",
    ];

    /// <summary><paramref name="count"/> random expressions of one to four primitives.</summary>
    public static IEnumerable<string> Random(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
            yield return Expression(random, random.Next(1, 5));
    }

    private static string Expression(Random random, int terms)
    {
        string term = Primitives[random.Next(Primitives.Length)];
        if (random.Next(4) == 0)
            term = $"not {term}";
        if (terms == 1)
            return term;
        string rest = Expression(random, terms - 1);
        return random.Next(2) == 0 ? $"{term} and ({rest})" : $"{term} or {rest}";
    }
}
