using System.Globalization;
using System.Net;
using System.Text;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Host.Engine.Packets;

/// <summary>
/// The one-line packet text nettrace prints after the trace name, in the seed tool's shapes, e.g.
/// <c>TCP: 127.0.0.1:43582 -> 127.0.0.1:9999 seq:3819454691, ack:0, flags:S</c>.
/// Whatever the capture did not contain is left out and the line ends in " (truncated)".
/// </summary>
internal static class PacketFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(PacketInfo p)
    {
        var sb = new StringBuilder(96);
        Append(sb, p);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, PacketInfo p)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(p);
        switch (p.L3Kind)
        {
            case L3Kind.IPv4 or L3Kind.IPv6:
                AppendIp(sb, p);
                break;
            case L3Kind.ARP:
                AppendArp(sb, p);
                break;
            default:
                sb.Append(Invariant, $"ether protocol: 0x{p.EtherType:x4}");
                break;
        }
        if (p.Malformed)
            sb.Append(" (malformed)");
        if (p.Truncated)
            sb.Append(" (truncated)");
        if (p.FromSocket)
            sb.Append(" (socket's flow, no headers yet)");
    }

    private static void AppendIp(StringBuilder sb, PacketInfo p)
    {
        string family = p.L3Kind == L3Kind.IPv4 ? "IPv4" : "IPv6";
        if (p.SourceAddress is null || p.DestinationAddress is null)
        {
            sb.Append(family);
            return;
        }

        string? transport = TransportName(p.L4Protocol);
        if (transport is null)
        {
            sb.Append(family).Append(": ");
            AppendAddressPair(sb, p);
            // 0 with a broken header means "chain not followed", not protocol 0.
            if (p.L4Protocol != 0 || !(p.Truncated || p.Malformed))
                sb.Append(Invariant, $" proto: {p.L4Protocol}");
            if (p.IsNonFirstFragment)
                sb.Append(" (fragment)");
            return;
        }

        sb.Append(transport).Append(": ");
        if (p.HasPorts)
        {
            // Brackets keep an IPv6 address apart from its port; the seed never printed IPv6 ports.
            bool brackets = p.L3Kind == L3Kind.IPv6;
            AppendEndpoint(sb, p.SourceAddress, p.SourcePort, brackets);
            sb.Append(" -> ");
            AppendEndpoint(sb, p.DestinationAddress, p.DestinationPort, brackets);
        }
        else
        {
            AppendAddressPair(sb, p);
        }

        if (p.IsNonFirstFragment)
        {
            sb.Append(" (fragment)");
            return;
        }
        if (!p.HasL4Header)
            return;
        switch (p.L4Protocol)
        {
            case IpProtocols.Tcp:
                sb.Append(Invariant, $" seq:{p.TcpSequence}, ack:{p.TcpAcknowledgment}, flags:");
                AppendTcpFlags(sb, p.TcpFlags);
                break;
            case IpProtocols.Icmp:
                AppendIcmp(sb, p);
                break;
            case IpProtocols.IcmpV6:
                AppendIcmpV6(sb, p);
                break;
        }
    }

    private static string? TransportName(byte protocol) => protocol switch
    {
        IpProtocols.Tcp => "TCP",
        IpProtocols.Udp => "UDP",
        IpProtocols.Icmp => "ICMP",
        IpProtocols.IcmpV6 => "ICMPv6",
        _ => null,
    };

    /// <summary>The flags as the seed writes them ("SA", "R").</summary>
    public static string TcpFlagLetters(TcpFlags flags)
    {
        var sb = new StringBuilder(8);
        AppendTcpFlags(sb, flags);
        return sb.ToString();
    }

    /// <summary>The flags as the seed writes them, into <paramref name="letters"/> (8 long at least); returns how many.</summary>
    public static int TcpFlagLetters(TcpFlags flags, Span<char> letters)
    {
        int n = 0;
        foreach (var (flag, letter) in FlagLetters)
        {
            if ((flags & flag) != 0)
                letters[n++] = letter;
        }
        return n;
    }

    // The seed's letter order (its --tcp-flags help lists "SAPRF"), extended with U, E, C.
    private static readonly (TcpFlags Flag, char Letter)[] FlagLetters =
    [
        (TcpFlags.SYN, 'S'), (TcpFlags.ACK, 'A'), (TcpFlags.PSH, 'P'), (TcpFlags.RST, 'R'),
        (TcpFlags.FIN, 'F'), (TcpFlags.URG, 'U'), (TcpFlags.ECE, 'E'), (TcpFlags.CWR, 'C'),
    ];

    private static void AppendTcpFlags(StringBuilder sb, TcpFlags flags)
    {
        Span<char> letters = stackalloc char[FlagLetters.Length];
        sb.Append(letters[..TcpFlagLetters(flags, letters)]);
    }

    private static void AppendIcmp(StringBuilder sb, PacketInfo p)
    {
        switch (p.IcmpType)
        {
            case IcmpTypes.EchoRequest:
                AppendEcho(sb, "ping request", p);
                return;
            case IcmpTypes.EchoReply:
                AppendEcho(sb, "ping reply", p);
                return;
        }
        sb.Append(' ');
        AppendTypeName(sb, IcmpName(p.IcmpType), p.IcmpType);
        sb.Append(Invariant, $", code: {p.IcmpCode}");
    }

    private static void AppendIcmpV6(StringBuilder sb, PacketInfo p)
    {
        switch (p.IcmpType)
        {
            case IcmpV6Types.EchoRequest:
                AppendEcho(sb, "ping request", p);
                return;
            case IcmpV6Types.EchoReply:
                AppendEcho(sb, "ping reply", p);
                return;
        }
        sb.Append(' ');
        AppendTypeName(sb, IcmpV6Name(p.IcmpType), p.IcmpType);
        if (p.IcmpCode != 0)
            sb.Append(Invariant, $", code: {p.IcmpCode}");
    }

    private static void AppendEcho(StringBuilder sb, string what, PacketInfo p) =>
        sb.Append(Invariant, $" {what}, seq: {p.IcmpEchoSequence}, id: {p.IcmpEchoId}");

    private static void AppendTypeName(StringBuilder sb, string? name, byte type)
    {
        if (name is null)
            sb.Append(Invariant, $"type {type}");
        else
            sb.Append(name);
    }

    private static string? IcmpName(byte type) => type switch
    {
        IcmpTypes.DestinationUnreachable => "destination unreachable",
        IcmpTypes.Redirect => "redirect",
        IcmpTypes.TimeExceeded => "time exceeded",
        IcmpTypes.ParameterProblem => "parameter problem",
        _ => null,
    };

    private static string? IcmpV6Name(byte type) => type switch
    {
        IcmpV6Types.DestinationUnreachable => "destination unreachable",
        IcmpV6Types.PacketTooBig => "packet too big",
        IcmpV6Types.TimeExceeded => "time exceeded",
        IcmpV6Types.ParameterProblem => "parameter problem",
        IcmpV6Types.MldQuery => "MLD query",
        IcmpV6Types.MldV1Report => "MLDv1 report",
        IcmpV6Types.MldV1Done => "MLDv1 done",
        IcmpV6Types.RouterSolicitation => "router solicitation",
        IcmpV6Types.RouterAdvertisement => "router advertisement",
        IcmpV6Types.NeighbourSolicitation => "neighbour solicitation",
        IcmpV6Types.NeighbourAdvertisement => "neighbour advertisement",
        IcmpV6Types.Redirect => "redirect",
        IcmpV6Types.MldV2Report => "MLDv2 report",
        _ => null,
    };

    private static void AppendArp(StringBuilder sb, PacketInfo p)
    {
        if (p.ArpOperation == 0 && p.SourceAddress is null)
        {
            sb.Append("ARP");
            return;
        }
        sb.Append("ARP: ");
        if (p.SourceAddress is not null && p.DestinationAddress is not null)
        {
            AppendAddressPair(sb, p);
            sb.Append(' ');
        }
        switch (p.ArpOperation)
        {
            case 1:
                sb.Append("request");
                break;
            case 2:
                sb.Append("reply");
                break;
            default:
                sb.Append(Invariant, $"op {p.ArpOperation}");
                break;
        }
    }

    private static void AppendAddressPair(StringBuilder sb, PacketInfo p)
    {
        AppendAddress(sb, p.SourceAddress!);
        sb.Append(" -> ");
        AppendAddress(sb, p.DestinationAddress!);
    }

    private static void AppendEndpoint(StringBuilder sb, IPAddress address, ushort port, bool brackets)
    {
        if (brackets)
            sb.Append('[');
        AppendAddress(sb, address);
        if (brackets)
            sb.Append(']');
        sb.Append(Invariant, $":{port}");
    }

    /// <summary>RFC 5952 text (what <see cref="IPAddress"/> produces) without any "%scope" suffix.</summary>
    private static void AppendAddress(StringBuilder sb, IPAddress address)
    {
        Span<char> buffer = stackalloc char[64];
        ReadOnlySpan<char> text = address.TryFormat(buffer, out int written)
            ? buffer[..written]
            : address.ToString().AsSpan();
        int scope = text.IndexOf('%');
        sb.Append(scope < 0 ? text : text[..scope]);
    }
}
