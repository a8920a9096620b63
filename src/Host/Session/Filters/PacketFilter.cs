using System.Net;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Session.Filters;

/// <summary>
/// The kernel's packet filter (nt_packet_matches in bpf/include/nt_packet.h) in user space, for events that no
/// kernel filtered: a recording replayed with other filters than it was made with.
/// </summary>
internal sealed class PacketFilter(SessionOptions options)
{
    /// <summary>
    /// The filter expression, run over the recorded packet's bytes (from L3) by libpcap's own program; a non-IP packet
    /// (ARP) gets the Ethernet frame's program over its bytes behind an Ethernet header of its EtherType, as the kernel
    /// runs it over the frame.
    /// </summary>
    private readonly (Pcap.PcapExpression Ip, Pcap.PcapExpression? Frame)? _expression =
        options.FilterExpression is { } text ? Pcap.PcapExpression.ForRecordings(text) : null;

    /// <summary>Whether the recorded packets' bytes must be kept (an expression reads them).</summary>
    public bool NeedsRawPackets => _expression is not null;

    /// <summary>Some option tests the packet's headers (addresses, ports, protocol, length, flags).</summary>
    private readonly bool _packetTests =
        options.SourceAddress is not null || options.DestinationAddress is not null || options.AnyAddress is not null
        || options.SourcePort is not null || options.DestinationPort is not null || options.AnyPort is not null
        || options.Protocol is not null || options.PacketLength is not null || options.TcpFlags != 0;

    /// <summary>No packet option was given: everything matches.</summary>
    public bool IsEmpty => !_packetTests && options.Netns is null && options.Pid is null && _expression is null && options.IfName is null && options.Mark is null;

    public bool Matches(ITraceEvent ev)
    {
        if (options.Netns is { } netns && ev.Meta.Netns != netns)
            return false;
        if (options.Pid is { } pid && ev.Meta.Pid != (uint)pid)
            return false;
        if (options.IfName is { } device && ev.Meta.IfNameText != device)
            return false;
        if (options.Mark is { } mark && !(ev is SkbTraceEvent { Mark: { } m } && (m & mark.Mask) == mark.Value))
            return false; // only the packet path's records carry the mark; a record without one cannot be shown to match
        if (_expression is not null && !ExpressionMatches(ev.Packet))
            return false;
        return !_packetTests || PacketMatches(ev.Packet);
    }

    /// <summary>The expression over the bytes the record carries, from L3, of a packet of the IP length on the wire.</summary>
    private bool ExpressionMatches(PacketInfo? p)
    {
        if (p?.Raw is not { Length: > 0 } raw)
            return false;
        var (ip, frame) = _expression!.Value;
        if (p.IsIP || frame is null || p.EtherType == 0)
            return ip.Matches(raw, p.IpTotalLength != 0 ? (uint)p.IpTotalLength : (uint)raw.Length);
        // The addresses are not recorded: an expression that compiles over the IP header names none.
        var framed = new byte[EthernetHeader + raw.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(framed.AsSpan(12), p.EtherType);
        raw.CopyTo(framed.AsSpan(EthernetHeader));
        return frame.Matches(framed, (uint)Math.Max(p.WireLength, (uint)raw.Length) + EthernetHeader);
    }

    private const int EthernetHeader = 14;

    private bool PacketMatches(PacketInfo? p)
    {
        if (p is null)
            return false;
        if (options.Protocol is { } proto)
        {
            if (proto.EtherType != 0 && p.EtherType != proto.EtherType)
                return false;
            if (proto.IpProtocol != 0 && p.L4Protocol != proto.IpProtocol)
                return false;
        }
        // The kernel parses addresses of IP packets only: an ARP packet never matches an address filter live.
        bool addressTests = options.SourceAddress is not null || options.DestinationAddress is not null || options.AnyAddress is not null;
        if (addressTests && !p.IsIP)
            return false;
        if (options.SourceAddress is { } s && !Equal(s, p.SourceAddress))
            return false;
        if (options.DestinationAddress is { } d && !Equal(d, p.DestinationAddress))
            return false;
        if (options.AnyAddress is { } a && !Equal(a, p.SourceAddress) && !Equal(a, p.DestinationAddress))
            return false;
        if ((options.SourcePort ?? options.DestinationPort ?? options.AnyPort) is not null && !p.HasPorts)
            return false;
        if (options.SourcePort is { } sp && p.SourcePort != sp)
            return false;
        if (options.DestinationPort is { } dp && p.DestinationPort != dp)
            return false;
        if (options.AnyPort is { } port && p.SourcePort != port && p.DestinationPort != port)
            return false;
        if (options.PacketLength is { } length && (p.IpTotalLength < length.Min || p.IpTotalLength > length.Max))
            return false;
        if (options.TcpFlags != 0 && (p.L4Protocol != IpProtocols.Tcp || ((byte)p.TcpFlags & options.TcpFlags) == 0))
            return false;
        return true;
    }

    private static bool Equal(IPAddress want, IPAddress? have) => have is not null && want.Equals(have);
}
