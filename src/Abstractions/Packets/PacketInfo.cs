using System.Net;

namespace NetTrace.Abstractions.Packets;

/// <summary>
/// A decoded view of a captured packet's headers, from the network (L3) header on. Fields that the
/// capture did not contain keep their default (0, null, false); the <c>Has*</c> properties say which
/// L4 fields are meaningful, so a rule never mistakes "not captured" for "port 0".
/// </summary>
public sealed record PacketInfo
{
    /// <summary>The EtherType the kernel reported, host byte order (e.g. 0x0800).</summary>
    public ushort EtherType { get; init; }

    public L3Kind L3Kind { get; init; }

    /// <summary>IP source, or the ARP sender protocol address; null when not decoded.</summary>
    public IPAddress? SourceAddress { get; init; }

    /// <summary>IP destination, or the ARP target protocol address; null when not decoded.</summary>
    public IPAddress? DestinationAddress { get; init; }

    /// <summary>
    /// The transport protocol number, after any IPv6 extension headers; 0 when not IP or when the
    /// IPv6 header chain could not be followed to its end.
    /// </summary>
    public byte L4Protocol { get; init; }

    /// <summary>IPv4 total length, or IPv6 payload length + 40; 0 when not decoded.</summary>
    public int IpTotalLength { get; init; }

    /// <summary>IPv4 time to live or IPv6 hop limit, as the header said when the packet was seen; 0 when not IP.</summary>
    public byte Ttl { get; init; }

    /// <summary>True for a fragment other than the first: it carries no L4 header, so no L4 fields are set.</summary>
    public bool IsNonFirstFragment { get; init; }

    /// <summary>True when <see cref="SourcePort"/> and <see cref="DestinationPort"/> were read (TCP, UDP).</summary>
    public bool HasPorts { get; init; }

    public ushort SourcePort { get; init; }

    public ushort DestinationPort { get; init; }

    /// <summary>
    /// True when every L4 field this type exposes for <see cref="L4Protocol"/> was read:
    /// TCP ports, sequence, acknowledgment and flags; UDP ports; ICMP/ICMPv6 type, code and echo id/sequence.
    /// </summary>
    public bool HasL4Header { get; init; }

    public uint TcpSequence { get; init; }

    public uint TcpAcknowledgment { get; init; }

    public TcpFlags TcpFlags { get; init; }

    /// <summary>ICMP or ICMPv6 message type (see <see cref="L4Protocol"/> for which).</summary>
    public byte IcmpType { get; init; }

    public byte IcmpCode { get; init; }

    /// <summary>Echo identifier; set only for echo request/reply messages.</summary>
    public ushort IcmpEchoId { get; init; }

    /// <summary>Echo sequence number; set only for echo request/reply messages.</summary>
    public ushort IcmpEchoSequence { get; init; }

    /// <summary>ARP operation (1 request, 2 reply); 0 when not ARP or not captured.</summary>
    public ushort ArpOperation { get; init; }

    /// <summary>The capture ended before a header the parser needed was complete; what precedes it is still set.</summary>
    public bool Truncated { get; init; }

    /// <summary>
    /// Not read from the packet: the skb had no headers yet, so the addresses and ports are its socket's (no
    /// sequence number, flags or length exist before the segment is built).
    /// </summary>
    public bool FromSocket { get; init; }

    /// <summary>A header contradicts itself (wrong IP version, IPv4 IHL below 5, endless IPv6 header chain).</summary>
    public bool Malformed { get; init; }

    public bool IsIP => L3Kind is L3Kind.IPv4 or L3Kind.IPv6;

    /// <summary>The captured bytes from the network header, kept only when a sink needs them (--pcap).</summary>
    public byte[]? Raw { get; init; }

    /// <summary>The packet's full length in the kernel (skb->len), which <see cref="Raw"/> may be a prefix of.</summary>
    public uint WireLength { get; init; }
}
