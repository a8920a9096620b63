using System.Net;

namespace NetTrace.Abstractions.Packets;

/// <summary>
/// The values of a <see cref="PacketInfo"/> as one plain struct: the parser fills it field by field and the packet
/// takes it whole, so decoding a packet makes no intermediate copies and a reused packet is refilled in one step.
/// See <see cref="PacketInfo"/> for what each field means.
/// </summary>
internal record struct PacketFields
{
    public ushort EtherType;
    public L3Kind L3Kind;
    public IPAddress? SourceAddress;
    public IPAddress? DestinationAddress;
    public byte L4Protocol;
    public int IpTotalLength;
    public byte Ttl;
    public bool IsNonFirstFragment;
    public bool HasPorts;
    public ushort SourcePort;
    public ushort DestinationPort;
    public bool HasL4Header;
    public uint TcpSequence;
    public uint TcpAcknowledgment;
    public TcpFlags TcpFlags;
    public ushort L4Offset;
    public byte TcpHeaderLength;
    public byte IcmpType;
    public byte IcmpCode;
    public ushort IcmpEchoId;
    public ushort IcmpEchoSequence;
    public ushort ArpOperation;
    public bool Truncated;
    public bool FromSocket;
    public bool Malformed;
    public byte[]? Raw;
    public uint WireLength;
}
