using System.Buffers.Binary;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Host.Engine.Packets;

/// <summary>
/// Decodes the bytes the BPF side copies from a packet's network header. Captures are short (128 bytes)
/// and may be taken before the kernel has finished building a header, so every read is bounds-checked
/// and the parser reports how far it got (<see cref="PacketInfo.Truncated"/>) instead of throwing.
/// </summary>
internal static class PacketParser
{
    private const int IPv4MinHeaderLength = 20;
    private const int IPv6HeaderLength = 40;
    private const int ArpFixedLength = 8;
    private const int Ipv4AddressLength = 4;
    private const int TcpHeaderLength = 20;
    private const int TcpFieldsEnd = 14; // ports, seq, ack and the flags byte (13)
    private const int UdpHeaderLength = 8;
    private const int IcmpHeaderLength = 8;
    private const int PortsLength = 4;

    // Real chains are two or three headers long; the cap only matters for spans longer than a capture.
    private const int MaxExtensionHeaders = 8;

    /// <summary>A new packet of the parsed headers.</summary>
    public static PacketInfo Parse(ushort etherType, ReadOnlySpan<byte> l3Bytes)
    {
        var fields = ParseFields(etherType, l3Bytes);
        return new PacketInfo(fields);
    }

    /// <summary>The parsed headers as values, for the dispatcher to put into a reused packet.</summary>
    public static PacketFields ParseFields(ushort etherType, ReadOnlySpan<byte> l3Bytes)
    {
        var p = new PacketFields { EtherType = etherType, L3Kind = L3Kind.Other };
        switch (etherType)
        {
            case EtherTypes.IPv4:
                p.L3Kind = L3Kind.IPv4;
                ParseIPv4(ref p, l3Bytes);
                break;
            case EtherTypes.IPv6:
                p.L3Kind = L3Kind.IPv6;
                ParseIPv6(ref p, l3Bytes);
                break;
            case EtherTypes.ARP:
                p.L3Kind = L3Kind.ARP;
                ParseArp(ref p, l3Bytes);
                break;
        }
        return p;
    }

    private static void ParseIPv4(ref PacketFields p, ReadOnlySpan<byte> b)
    {
        if (b.IsEmpty)
        {
            p.Truncated = true;
            return;
        }
        int headerLength = (b[0] & 0x0F) * 4;
        if (b[0] >> 4 != 4 || headerLength < IPv4MinHeaderLength)
        {
            p.Malformed = true;
            return;
        }
        if (b.Length < IPv4MinHeaderLength)
        {
            p.Truncated = true;
            return;
        }

        // The low 13 bits are the fragment offset; only the first fragment carries the L4 header.
        bool nonFirstFragment = (BinaryPrimitives.ReadUInt16BigEndian(b[6..]) & 0x1FFF) != 0;
        bool optionsCut = b.Length < headerLength;
        p.SourceAddress = AddressCache.Get(b.Slice(12, 4));
        p.DestinationAddress = AddressCache.Get(b.Slice(16, 4));
        p.L4Protocol = b[9];
        p.IpTotalLength = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        p.Ttl = b[8];
        p.IsNonFirstFragment = nonFirstFragment;
        p.Truncated = optionsCut;
        p.L4Offset = (ushort)headerLength;
        if (!nonFirstFragment && !optionsCut)
            DecodeL4(ref p, b[headerLength..]);
    }

    private static void ParseIPv6(ref PacketFields p, ReadOnlySpan<byte> b)
    {
        if (b.IsEmpty)
        {
            p.Truncated = true;
            return;
        }
        if (b[0] >> 4 != 6)
        {
            p.Malformed = true;
            return;
        }
        if (b.Length < IPv6HeaderLength)
        {
            p.Truncated = true;
            return;
        }

        byte next = b[6];
        int offset = IPv6HeaderLength;
        bool truncated = false, malformed = false, nonFirstFragment = false;
        for (int walked = 0; IsExtensionHeader(next); walked++)
        {
            if (walked == MaxExtensionHeaders)
            {
                malformed = true;
                break;
            }
            ReadOnlySpan<byte> ext = b[offset..];
            if (ext.Length < 2)
            {
                truncated = true;
                break;
            }
            int length = ExtensionHeaderLength(next, ext[1]);
            if (ext.Length < length)
            {
                // The next protocol is known even though its header is out of reach.
                next = ext[0];
                truncated = true;
                break;
            }
            // Fragment offset is the high 13 bits of bytes 2-3; non-zero means no L4 header follows.
            nonFirstFragment = next == IpProtocols.Fragment
                && BinaryPrimitives.ReadUInt16BigEndian(ext[2..]) >> 3 != 0;
            next = ext[0];
            offset += length;
            if (nonFirstFragment)
                break;
        }

        p.SourceAddress = AddressCache.Get(b.Slice(8, 16));
        p.DestinationAddress = AddressCache.Get(b.Slice(24, 16));
        // An extension header number here would be a lie: report "unknown" (0) instead.
        p.L4Protocol = IsExtensionHeader(next) ? (byte)0 : next;
        p.IpTotalLength = BinaryPrimitives.ReadUInt16BigEndian(b[4..]) + IPv6HeaderLength;
        p.Ttl = b[7];
        p.IsNonFirstFragment = nonFirstFragment;
        p.Truncated = truncated;
        p.Malformed = malformed;
        p.L4Offset = (ushort)offset;
        if (!truncated && !malformed && !nonFirstFragment)
            DecodeL4(ref p, b[offset..]);
    }

    /// <summary>Extension headers that share the "next header, length" prefix and can be stepped over.</summary>
    private static bool IsExtensionHeader(byte protocol) => protocol is IpProtocols.HopByHop
        or IpProtocols.Routing or IpProtocols.Fragment or IpProtocols.DestinationOptions
        or IpProtocols.AuthenticationHeader or IpProtocols.Mobility or IpProtocols.Hip or IpProtocols.Shim6;

    private static int ExtensionHeaderLength(byte protocol, byte lengthField) => protocol switch
    {
        IpProtocols.Fragment => 8,                                 // fixed size; byte 1 is reserved
        IpProtocols.AuthenticationHeader => (lengthField + 2) * 4, // 4-byte units, not counting the first 2
        _ => (lengthField + 1) * 8,                                // 8-byte units, not counting the first
    };

    private static void ParseArp(ref PacketFields p, ReadOnlySpan<byte> b)
    {
        if (b.Length < ArpFixedLength)
        {
            p.Truncated = true;
            return;
        }

        p.ArpOperation = BinaryPrimitives.ReadUInt16BigEndian(b[6..]);
        int hardwareLength = b[4];
        bool ipv4Addresses = BinaryPrimitives.ReadUInt16BigEndian(b[2..]) == EtherTypes.IPv4
            && b[5] == Ipv4AddressLength;
        int senderAt = ArpFixedLength + hardwareLength;
        int targetAt = senderAt + Ipv4AddressLength + hardwareLength;
        int end = targetAt + Ipv4AddressLength;
        if (!ipv4Addresses || b.Length < end)
        {
            // Other protocol families carry no IPv4 addresses; only the operation is meaningful.
            p.Truncated = ipv4Addresses;
            return;
        }
        p.SourceAddress = AddressCache.Get(b.Slice(senderAt, Ipv4AddressLength));
        p.DestinationAddress = AddressCache.Get(b.Slice(targetAt, Ipv4AddressLength));
    }

    private static void DecodeL4(ref PacketFields p, ReadOnlySpan<byte> l4)
    {
        switch (p.L4Protocol)
        {
            case IpProtocols.Tcp:
                DecodeTcp(ref p, l4);
                break;
            case IpProtocols.Udp:
                DecodeUdp(ref p, l4);
                break;
            case IpProtocols.Icmp or IpProtocols.IcmpV6:
                DecodeIcmp(ref p, l4);
                break;
        }
    }

    private static void DecodeTcp(ref PacketFields p, ReadOnlySpan<byte> l4)
    {
        if (l4.Length < PortsLength)
        {
            p.Truncated = true;
            return;
        }
        p.HasPorts = true;
        p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
        p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
        if (l4.Length < TcpFieldsEnd)
        {
            p.Truncated = true;
            return;
        }
        p.HasL4Header = true;
        p.TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(l4[4..]);
        p.TcpAcknowledgment = BinaryPrimitives.ReadUInt32BigEndian(l4[8..]);
        p.TcpFlags = (TcpFlags)l4[13];
        p.TcpHeaderLength = (byte)((l4[12] >> 4) * 4);
        p.Truncated = l4.Length < TcpHeaderLength;
    }

    private static void DecodeUdp(ref PacketFields p, ReadOnlySpan<byte> l4)
    {
        if (l4.Length < PortsLength)
        {
            p.Truncated = true;
            return;
        }
        p.HasPorts = true;
        p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
        p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
        p.HasL4Header = true;
        p.Truncated = l4.Length < UdpHeaderLength;
    }

    private static void DecodeIcmp(ref PacketFields p, ReadOnlySpan<byte> l4)
    {
        // Every ICMP/ICMPv6 header is 8 bytes; decoding it whole keeps "known" simple for renderers.
        if (l4.Length < IcmpHeaderLength)
        {
            p.Truncated = true;
            return;
        }
        byte type = l4[0];
        bool echo = p.L4Protocol == IpProtocols.Icmp
            ? type is IcmpTypes.EchoReply or IcmpTypes.EchoRequest
            : type is IcmpV6Types.EchoRequest or IcmpV6Types.EchoReply;
        p.HasL4Header = true;
        p.IcmpType = type;
        p.IcmpCode = l4[1];
        p.IcmpEchoId = echo ? BinaryPrimitives.ReadUInt16BigEndian(l4[4..]) : (ushort)0;
        p.IcmpEchoSequence = echo ? BinaryPrimitives.ReadUInt16BigEndian(l4[6..]) : (ushort)0;
    }
}
