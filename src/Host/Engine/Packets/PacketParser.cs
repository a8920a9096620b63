using System.Buffers.Binary;
using System.Net;
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

    public static PacketInfo Parse(ushort etherType, ReadOnlySpan<byte> l3Bytes) => etherType switch
    {
        EtherTypes.IPv4 => ParseIPv4(l3Bytes),
        EtherTypes.IPv6 => ParseIPv6(l3Bytes),
        EtherTypes.ARP => ParseArp(l3Bytes),
        _ => new PacketInfo { EtherType = etherType, L3Kind = L3Kind.Other },
    };

    private static PacketInfo ParseIPv4(ReadOnlySpan<byte> b)
    {
        if (b.IsEmpty)
            return Bare(EtherTypes.IPv4, L3Kind.IPv4, truncated: true);
        int headerLength = (b[0] & 0x0F) * 4;
        if (b[0] >> 4 != 4 || headerLength < IPv4MinHeaderLength)
            return Bare(EtherTypes.IPv4, L3Kind.IPv4, malformed: true);
        if (b.Length < IPv4MinHeaderLength)
            return Bare(EtherTypes.IPv4, L3Kind.IPv4, truncated: true);

        // The low 13 bits are the fragment offset; only the first fragment carries the L4 header.
        bool nonFirstFragment = (BinaryPrimitives.ReadUInt16BigEndian(b[6..]) & 0x1FFF) != 0;
        bool optionsCut = b.Length < headerLength;
        var ip = new PacketInfo
        {
            EtherType = EtherTypes.IPv4,
            L3Kind = L3Kind.IPv4,
            SourceAddress = new IPAddress(b.Slice(12, 4)),
            DestinationAddress = new IPAddress(b.Slice(16, 4)),
            L4Protocol = b[9],
            IpTotalLength = BinaryPrimitives.ReadUInt16BigEndian(b[2..]),
            Ttl = b[8],
            IsNonFirstFragment = nonFirstFragment,
            Truncated = optionsCut,
        };
        return nonFirstFragment || optionsCut ? ip : DecodeL4(ip, b[headerLength..]);
    }

    private static PacketInfo ParseIPv6(ReadOnlySpan<byte> b)
    {
        if (b.IsEmpty)
            return Bare(EtherTypes.IPv6, L3Kind.IPv6, truncated: true);
        if (b[0] >> 4 != 6)
            return Bare(EtherTypes.IPv6, L3Kind.IPv6, malformed: true);
        if (b.Length < IPv6HeaderLength)
            return Bare(EtherTypes.IPv6, L3Kind.IPv6, truncated: true);

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
        bool reachedL4 = !truncated && !malformed && !nonFirstFragment;

        var ip = new PacketInfo
        {
            EtherType = EtherTypes.IPv6,
            L3Kind = L3Kind.IPv6,
            SourceAddress = new IPAddress(b.Slice(8, 16)),
            DestinationAddress = new IPAddress(b.Slice(24, 16)),
            // An extension header number here would be a lie: report "unknown" (0) instead.
            L4Protocol = IsExtensionHeader(next) ? (byte)0 : next,
            IpTotalLength = BinaryPrimitives.ReadUInt16BigEndian(b[4..]) + IPv6HeaderLength,
            Ttl = b[7],
            IsNonFirstFragment = nonFirstFragment,
            Truncated = truncated,
            Malformed = malformed,
        };
        return reachedL4 ? DecodeL4(ip, b[offset..]) : ip;
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

    private static PacketInfo ParseArp(ReadOnlySpan<byte> b)
    {
        if (b.Length < ArpFixedLength)
            return Bare(EtherTypes.ARP, L3Kind.ARP, truncated: true);

        ushort operation = BinaryPrimitives.ReadUInt16BigEndian(b[6..]);
        int hardwareLength = b[4];
        bool ipv4Addresses = BinaryPrimitives.ReadUInt16BigEndian(b[2..]) == EtherTypes.IPv4
            && b[5] == Ipv4AddressLength;
        int senderAt = ArpFixedLength + hardwareLength;
        int targetAt = senderAt + Ipv4AddressLength + hardwareLength;
        int end = targetAt + Ipv4AddressLength;
        if (!ipv4Addresses || b.Length < end)
        {
            // Other protocol families carry no IPv4 addresses; only the operation is meaningful.
            return new PacketInfo
            {
                EtherType = EtherTypes.ARP,
                L3Kind = L3Kind.ARP,
                ArpOperation = operation,
                Truncated = ipv4Addresses,
            };
        }
        return new PacketInfo
        {
            EtherType = EtherTypes.ARP,
            L3Kind = L3Kind.ARP,
            ArpOperation = operation,
            SourceAddress = new IPAddress(b.Slice(senderAt, Ipv4AddressLength)),
            DestinationAddress = new IPAddress(b.Slice(targetAt, Ipv4AddressLength)),
        };
    }

    private static PacketInfo DecodeL4(PacketInfo ip, ReadOnlySpan<byte> l4) => ip.L4Protocol switch
    {
        IpProtocols.Tcp => DecodeTcp(ip, l4),
        IpProtocols.Udp => DecodeUdp(ip, l4),
        IpProtocols.Icmp or IpProtocols.IcmpV6 => DecodeIcmp(ip, l4),
        _ => ip,
    };

    private static PacketInfo DecodeTcp(PacketInfo ip, ReadOnlySpan<byte> l4)
    {
        if (l4.Length < PortsLength)
            return ip with { Truncated = true };
        ushort source = BinaryPrimitives.ReadUInt16BigEndian(l4);
        ushort destination = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
        if (l4.Length < TcpFieldsEnd)
            return ip with { HasPorts = true, SourcePort = source, DestinationPort = destination, Truncated = true };
        return ip with
        {
            HasPorts = true,
            SourcePort = source,
            DestinationPort = destination,
            HasL4Header = true,
            TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(l4[4..]),
            TcpAcknowledgment = BinaryPrimitives.ReadUInt32BigEndian(l4[8..]),
            TcpFlags = (TcpFlags)l4[13],
            Truncated = l4.Length < TcpHeaderLength,
        };
    }

    private static PacketInfo DecodeUdp(PacketInfo ip, ReadOnlySpan<byte> l4)
    {
        if (l4.Length < PortsLength)
            return ip with { Truncated = true };
        return ip with
        {
            HasPorts = true,
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4),
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]),
            HasL4Header = true,
            Truncated = l4.Length < UdpHeaderLength,
        };
    }

    private static PacketInfo DecodeIcmp(PacketInfo ip, ReadOnlySpan<byte> l4)
    {
        // Every ICMP/ICMPv6 header is 8 bytes; decoding it whole keeps "known" simple for renderers.
        if (l4.Length < IcmpHeaderLength)
            return ip with { Truncated = true };
        byte type = l4[0];
        bool echo = ip.L4Protocol == IpProtocols.Icmp
            ? type is IcmpTypes.EchoReply or IcmpTypes.EchoRequest
            : type is IcmpV6Types.EchoRequest or IcmpV6Types.EchoReply;
        return ip with
        {
            HasL4Header = true,
            IcmpType = type,
            IcmpCode = l4[1],
            IcmpEchoId = echo ? BinaryPrimitives.ReadUInt16BigEndian(l4[4..]) : (ushort)0,
            IcmpEchoSequence = echo ? BinaryPrimitives.ReadUInt16BigEndian(l4[6..]) : (ushort)0,
        };
    }

    private static PacketInfo Bare(ushort etherType, L3Kind kind, bool truncated = false, bool malformed = false) =>
        new() { EtherType = etherType, L3Kind = kind, Truncated = truncated, Malformed = malformed };
}
