using System.Buffers.Binary;
using System.Net;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Tests.Shared;

/// <summary>Assembles header bytes in network order, the way the BPF side hands them to the parser (unit and host tiers).</summary>
internal static class PacketBytes
{
    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Hex(string hex) => Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    /// <param name="fragment">The raw flags + fragment-offset field (offset in 8-byte units in the low 13 bits).</param>
    public static byte[] IPv4(byte protocol, string source, string destination, byte[] payload,
        byte[]? options = null, ushort fragment = 0x4000)
    {
        options ??= [];
        int headerLength = 20 + options.Length;
        var header = new byte[20];
        header[0] = (byte)(0x40 | headerLength / 4);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(headerLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 0x1234);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), fragment);
        header[8] = 64;
        header[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(header, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(header, 16);
        return Concat(header, options, payload);
    }

    /// <param name="payload">Extension headers, if any, followed by the transport header.</param>
    public static byte[] IPv6(byte nextHeader, string source, string destination, byte[] payload)
    {
        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)payload.Length);
        header[6] = nextHeader;
        header[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(header, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(header, 24);
        return Concat(header, payload);
    }

    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, uint seq, uint ack, TcpFlags flags)
    {
        var h = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(h, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(8), ack);
        h[12] = 5 << 4;
        h[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(14), 65535);
        return h;
    }

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, int dataLength = 0)
    {
        var h = new byte[8 + dataLength];
        BinaryPrimitives.WriteUInt16BigEndian(h, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(4), (ushort)h.Length);
        return h;
    }

    /// <summary>An ICMP or ICMPv6 header; <paramref name="rest"/> is the 4 type-specific bytes (echo: id, seq).</summary>
    public static byte[] Icmp(byte type, byte code = 0, uint rest = 0)
    {
        var h = new byte[8];
        h[0] = type;
        h[1] = code;
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4), rest);
        return h;
    }

    public static byte[] Echo(byte type, ushort id, ushort seq) => Icmp(type, 0, (uint)(id << 16 | seq));

    /// <summary>Ethernet/IPv4 ARP with made-up hardware addresses.</summary>
    public static byte[] Arp(ushort operation, string sender, string target)
    {
        var a = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(a, 1);
        BinaryPrimitives.WriteUInt16BigEndian(a.AsSpan(2), EtherTypes.IPv4);
        a[4] = 6;
        a[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(a.AsSpan(6), operation);
        a.AsSpan(8, 6).Fill(0xAA);
        IPAddress.Parse(sender).GetAddressBytes().CopyTo(a, 14);
        IPAddress.Parse(target).GetAddressBytes().CopyTo(a, 24);
        return a;
    }

    /// <summary>
    /// A hop-by-hop, routing or destination-options header of <paramref name="length"/> bytes (a multiple
    /// of 8). The body is filled with 0x06 so that a parser reading it as a transport header would say TCP.
    /// </summary>
    public static byte[] Extension(byte nextHeader, int length)
    {
        var h = new byte[length];
        h.AsSpan().Fill(IpProtocols.Tcp);
        h[0] = nextHeader;
        h[1] = (byte)(length / 8 - 1);
        return h;
    }

    /// <summary>Hop-by-hop header with a router-alert option (MLD) and PadN, as Linux sends for MLD reports.</summary>
    public static byte[] HopByHopRouterAlert(byte nextHeader) => [nextHeader, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00];

    public static byte[] Fragment(byte nextHeader, ushort offsetUnits, bool more, uint id = 0xCAFE)
    {
        var h = new byte[8];
        h[0] = nextHeader;
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), (ushort)(offsetUnits << 3 | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(4), id);
        return h;
    }

    /// <summary>Authentication header with a 12-byte ICV: length field 4 means (4 + 2) * 4 = 24 bytes.</summary>
    public static byte[] AuthenticationHeader(byte nextHeader)
    {
        var h = new byte[24];
        h.AsSpan().Fill(IpProtocols.Tcp);
        h[0] = nextHeader;
        h[1] = 4;
        return h;
    }
}
