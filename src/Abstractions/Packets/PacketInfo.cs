using System.Net;
using NetTrace.Abstractions.Events;

namespace NetTrace.Abstractions.Packets;

/// <summary>
/// A decoded view of a captured packet's headers, from the network (L3) header on. Fields that the
/// capture did not contain keep their default (0, null, false); the <c>Has*</c> properties say which
/// L4 fields are meaningful, so a rule never mistakes "not captured" for "port 0".
/// </summary>
public sealed record PacketInfo
{
    private PacketFields _f;

    // Set only on packets the host decoded into a reused object (Rent); never copied by `with`.
    private bool _reusable;
    private bool _released;

    public PacketInfo()
    {
    }

    internal PacketInfo(in PacketFields fields) => _f = fields;

    /// <summary>`with` copies the values only: the copy belongs to whoever made it, never to the pool.</summary>
    private PacketInfo(PacketInfo original) => _f = original._f;

    /// <summary>Decoded by the host into a pooled object: it may change it in place until the packet is handed on.</summary>
    internal bool IsReusable => _reusable && !_released;

    /// <summary>The values, for the host's parser and decoders to adjust a packet they just decoded.</summary>
    internal ref PacketFields Fields => ref _f;

    /// <summary>A packet with these values, reusing a released one when there is one.</summary>
    internal static PacketInfo Rent(in PacketFields fields)
    {
        var packet = ReusePool<PacketInfo>.TryTake() ?? new PacketInfo();
        packet._f = fields;
        packet._reusable = true;
        packet._released = false;
        return packet;
    }

    /// <summary>Back to the pool, when it came from there; the host calls it once the packet's event is released.</summary>
    internal void Release()
    {
        if (!_reusable || _released)
            return;
        _released = true;
        _f = default; // drop the addresses and the raw bytes now, not at the next reuse
        ReusePool<PacketInfo>.Return(this);
    }

    /// <summary>Equal values (the pool's bookkeeping is not part of a packet).</summary>
    public bool Equals(PacketInfo? other) => other is not null && _f.Equals(other._f);

    public override int GetHashCode() => _f.GetHashCode();

    /// <summary>The EtherType the kernel reported, host byte order (e.g. 0x0800).</summary>
    public ushort EtherType { get => _f.EtherType; init => _f.EtherType = value; }

    public L3Kind L3Kind { get => _f.L3Kind; init => _f.L3Kind = value; }

    /// <summary>IP source, or the ARP sender protocol address; null when not decoded.</summary>
    public IPAddress? SourceAddress { get => _f.SourceAddress; init => _f.SourceAddress = value; }

    /// <summary>IP destination, or the ARP target protocol address; null when not decoded.</summary>
    public IPAddress? DestinationAddress { get => _f.DestinationAddress; init => _f.DestinationAddress = value; }

    /// <summary>
    /// The transport protocol number, after any IPv6 extension headers; 0 when not IP or when the
    /// IPv6 header chain could not be followed to its end.
    /// </summary>
    public byte L4Protocol { get => _f.L4Protocol; init => _f.L4Protocol = value; }

    /// <summary>IPv4 total length, or IPv6 payload length + 40; 0 when not decoded.</summary>
    public int IpTotalLength { get => _f.IpTotalLength; init => _f.IpTotalLength = value; }

    /// <summary>IPv4 time to live or IPv6 hop limit, as the header said when the packet was seen; 0 when not IP.</summary>
    public byte Ttl { get => _f.Ttl; init => _f.Ttl = value; }

    /// <summary>True for a fragment other than the first: it carries no L4 header, so no L4 fields are set.</summary>
    public bool IsNonFirstFragment { get => _f.IsNonFirstFragment; init => _f.IsNonFirstFragment = value; }

    /// <summary>True when <see cref="SourcePort"/> and <see cref="DestinationPort"/> were read (TCP, UDP).</summary>
    public bool HasPorts { get => _f.HasPorts; init => _f.HasPorts = value; }

    public ushort SourcePort { get => _f.SourcePort; init => _f.SourcePort = value; }

    public ushort DestinationPort { get => _f.DestinationPort; init => _f.DestinationPort = value; }

    /// <summary>
    /// True when every L4 field this type exposes for <see cref="L4Protocol"/> was read:
    /// TCP ports, sequence, acknowledgment and flags; UDP ports; ICMP/ICMPv6 type, code and echo id/sequence.
    /// </summary>
    public bool HasL4Header { get => _f.HasL4Header; init => _f.HasL4Header = value; }

    public uint TcpSequence { get => _f.TcpSequence; init => _f.TcpSequence = value; }

    public uint TcpAcknowledgment { get => _f.TcpAcknowledgment; init => _f.TcpAcknowledgment = value; }

    public TcpFlags TcpFlags { get => _f.TcpFlags; init => _f.TcpFlags = value; }

    /// <summary>Bytes from the network header to the transport header (IPv4 options, IPv6 extension headers included).</summary>
    public ushort L4Offset { get => _f.L4Offset; init => _f.L4Offset = value; }

    /// <summary>The TCP header's length with its options (data offset x 4); 0 when not read.</summary>
    public byte TcpHeaderLength { get => _f.TcpHeaderLength; init => _f.TcpHeaderLength = value; }

    /// <summary>
    /// The TCP segment's data bytes, from the IP length and both headers' lengths; null when any of them was not read
    /// or they contradict each other (a pure ACK has 0).
    /// </summary>
    public int? TcpPayloadLength => L4Protocol == IpProtocols.Tcp && TcpHeaderLength > 0 && IpTotalLength > 0
        && IpTotalLength - L4Offset - TcpHeaderLength is >= 0 and var data ? data : null;

    /// <summary>ICMP or ICMPv6 message type (see <see cref="L4Protocol"/> for which).</summary>
    public byte IcmpType { get => _f.IcmpType; init => _f.IcmpType = value; }

    public byte IcmpCode { get => _f.IcmpCode; init => _f.IcmpCode = value; }

    /// <summary>Echo identifier; set only for echo request/reply messages.</summary>
    public ushort IcmpEchoId { get => _f.IcmpEchoId; init => _f.IcmpEchoId = value; }

    /// <summary>Echo sequence number; set only for echo request/reply messages.</summary>
    public ushort IcmpEchoSequence { get => _f.IcmpEchoSequence; init => _f.IcmpEchoSequence = value; }

    /// <summary>ARP operation (1 request, 2 reply); 0 when not ARP or not captured.</summary>
    public ushort ArpOperation { get => _f.ArpOperation; init => _f.ArpOperation = value; }

    /// <summary>The capture ended before a header the parser needed was complete; what precedes it is still set.</summary>
    public bool Truncated { get => _f.Truncated; init => _f.Truncated = value; }

    /// <summary>
    /// Not read from the packet: the skb had no headers yet, so the addresses and ports are its socket's (no
    /// sequence number, flags or length exist before the segment is built).
    /// </summary>
    public bool FromSocket { get => _f.FromSocket; init => _f.FromSocket = value; }

    /// <summary>A header contradicts itself (wrong IP version, IPv4 IHL below 5, endless IPv6 header chain).</summary>
    public bool Malformed { get => _f.Malformed; init => _f.Malformed = value; }

    public bool IsIP => L3Kind is L3Kind.IPv4 or L3Kind.IPv6;

    /// <summary>The captured bytes from the network header, kept only when a sink needs them (--pcap).</summary>
    public byte[]? Raw { get => _f.Raw; init => _f.Raw = value; }

    /// <summary>The packet's full length in the kernel (skb->len), which <see cref="Raw"/> may be a prefix of.</summary>
    public uint WireLength { get => _f.WireLength; init => _f.WireLength = value; }
}
