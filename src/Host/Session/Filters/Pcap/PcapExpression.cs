using System.Collections.Concurrent;
using NetTrace.Bpf.PacketFilter;
using NetTrace.Host.Errors;

namespace NetTrace.Host.Session.Filters.Pcap;

/// <summary>
/// A tcpdump filter expression (pcap-filter(7)), compiled by libpcap to classic BPF for packets that begin with their
/// IP header (nettrace's records carry the packet from L3) or, for a frame with its link layer, Ethernet.
/// </summary>
internal sealed class PcapExpression
{
    private PcapExpression(string text, CbpfInstruction[] program)
    {
        Text = text;
        Program = program;
    }

    // The command line's check compiles it, then the session: the second time is the first's result.
    private static readonly ConcurrentDictionary<(string Text, int LinkType), PcapExpression> s_compiled = new();

    public string Text { get; }

    /// <summary>The classic BPF program: it returns non-zero for a packet the expression selects.</summary>
    public CbpfInstruction[] Program { get; }

    /// <summary>Compiles <paramref name="text"/>; a <see cref="UsageException"/> with libpcap's own message when it is not valid.</summary>
    public static PcapExpression Compile(string text, int linkType = PcapCompiler.RawIp)
    {
        if (s_compiled.TryGetValue((text, linkType), out var known))
            return known;
        try
        {
            return s_compiled[(text, linkType)] = new PcapExpression(text, PcapCompiler.Compile(text, linkType));
        }
        catch (PcapCompileException e)
        {
            throw new UsageException($"filter expression '{text}': {e.Message}");
        }
    }

    /// <summary>
    /// The expression's programs for live packets: over the IP header where libpcap can say it there (null when only
    /// the link layer answers it: ether, vlan, arp...), and over Ethernet frames (null when libpcap has none). Invalid
    /// for both: the IP header's complaint.
    /// </summary>
    public static (PcapExpression? Ip, PcapExpression? Frame) ForPackets(string text)
    {
        PcapExpression? ip = null;
        UsageException? refused = null;
        try
        {
            ip = Compile(text);
        }
        catch (UsageException e)
        {
            refused = e;
        }
        PcapExpression frame;
        try
        {
            frame = Compile(text, PcapCompiler.Ethernet);
        }
        catch (UsageException) when (ip is not null)
        {
            return (ip, null);
        }
        catch (UsageException)
        {
            throw refused!;
        }
        // Every filtering program verifies each program it carries (under emulation a second one made the start
        // 45 % slower), so the frame's program goes with the IP header's only where it can change a verdict: on
        // packets that are not IP ("not arp", "arp or icmp").
        return (ip, ip is null || DecidesNonIpOtherwise(ip, frame) ? frame : null);
    }

    /// <summary>Whether the frame's program and the IP header's disagree on a non-IP packet: ARP, LLDP.</summary>
    private static bool DecidesNonIpOtherwise(PcapExpression ip, PcapExpression frame)
    {
        foreach (var (etherType, payload) in NonIpSamples)
        {
            var bytes = new byte[14 + payload.Length];
            bytes.AsSpan(0, 6).Fill(0xff);
            bytes[6] = 0x02;
            bytes[11] = 0x01;
            bytes[12] = (byte)(etherType >> 8);
            bytes[13] = (byte)etherType;
            payload.CopyTo(bytes, 14);
            if (ip.Matches(payload, (uint)payload.Length) != frame.Matches(bytes, (uint)bytes.Length))
                return true;
        }
        return false;
    }

    private static readonly (ushort EtherType, byte[] Payload)[] NonIpSamples =
    [
        (0x0806, Arp(1)),
        (0x0806, Arp(2)),
        (0x88cc, [0x02, 0x07, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x04, 0x03, 0x05, 0x65, 0x30, 0x06, 0x02, 0x00, 0x78, 0x00, 0x00]),
    ];

    /// <summary>An IPv4-over-Ethernet ARP message between 10.0.0.1 and 10.0.0.2.</summary>
    private static byte[] Arp(byte operation) =>
        [0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, operation, 0x02, 0, 0, 0, 0, 0x01, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2];

    /// <summary>
    /// The programs for recorded packets, which are kept from their IP header on: an expression only the link layer
    /// answers cannot be applied to them, which is said in one line.
    /// </summary>
    public static (PcapExpression Ip, PcapExpression? Frame) ForRecordings(string text)
    {
        var (ip, frame) = ForPackets(text);
        if (ip is null)
            throw new UsageException($"filter expression '{text}' tests the link layer (Ethernet addresses, VLAN tags...), which a recording "
                + "does not keep (it holds each packet from its IP header): replay with an expression on the IP header");
        return (ip, frame);
    }

    /// <summary>Whether the expression selects <paramref name="packet"/> (captured bytes) of <paramref name="wireLength"/> bytes.</summary>
    public bool Matches(ReadOnlySpan<byte> packet, uint wireLength) => CbpfInterpreter.Run(Program, packet, wireLength) != 0;
}
