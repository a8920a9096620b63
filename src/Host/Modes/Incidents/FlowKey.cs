using System.Net;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Modes.Incidents;

/// <summary>
/// The flow an incident traces: the abnormal packet's addresses, ports and protocol, in its direction. It becomes
/// the capture's kernel filter, so only that flow's packets are followed.
/// </summary>
internal sealed record FlowKey(IPAddress Source, IPAddress Destination, byte Protocol, ushort? SourcePort, ushort? DestinationPort)
{
    /// <summary>The flow of a packet-shaped event, or of a socket event's tuple; null when the event names none.</summary>
    public static FlowKey? Of(ITraceEvent ev)
    {
        if (ev.Packet is { IsIP: true, SourceAddress: { } s, DestinationAddress: { } d } p)
            return new FlowKey(s, d, p.L4Protocol, p.HasPorts ? p.SourcePort : null, p.HasPorts ? p.DestinationPort : null);
        if (ev.Packet is not null)
            return null;
        // Socket events (resets, retransmits) carry the connection's tuple as fields.
        var fields = ev.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        if (fields.GetValueOrDefault("saddr") is string sa && IPAddress.TryParse(sa, out var source)
            && fields.GetValueOrDefault("daddr") is string da && IPAddress.TryParse(da, out var destination)
            && fields.GetValueOrDefault("sport") is ushort sport && fields.GetValueOrDefault("dport") is ushort dport)
            return new FlowKey(source, destination, IpProtocols.Tcp, sport, dport);
        return null;
    }

    /// <summary>The session options of a capture of this flow: the monitor's own, narrowed to the flow.</summary>
    public SessionOptions Narrow(SessionOptions monitor) => monitor with
    {
        Mode = TraceMode.Diagnose,
        SourceAddress = Source,
        DestinationAddress = Destination,
        AnyAddress = null,
        SourcePort = SourcePort,
        DestinationPort = DestinationPort,
        AnyPort = null,
        Protocol = ProtocolOf(),
        TcpFlags = 0,
        PacketLength = null,
        Pid = null,
        Json = false,
        Detail = true,
        ShowReturn = true,
        DiagQuiet = false,
        DiagKeep = false,
        Count = null,
        Traces = [],
        TraceStack = [],
        OutputPath = null,
        PcapPath = null,
        RecordPath = null,
        MetricsEndpoint = null,
        Arm = null,
    };

    private ProtocolFilter? ProtocolOf() => Protocol switch
    {
        IpProtocols.Tcp => ProtocolFilter.Tcp,
        IpProtocols.Udp => ProtocolFilter.Udp,
        IpProtocols.Icmp => ProtocolFilter.Icmp,
        IpProtocols.IcmpV6 => ProtocolFilter.IcmpV6,
        _ => Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ProtocolFilter.IPv6 : ProtocolFilter.IPv4,
    };

    public override string ToString()
    {
        string proto = Protocol switch
        {
            IpProtocols.Tcp => "TCP",
            IpProtocols.Udp => "UDP",
            IpProtocols.Icmp => "ICMP",
            IpProtocols.IcmpV6 => "ICMPv6",
            _ => $"IP proto {Protocol}",
        };
        return SourcePort is { } sp && DestinationPort is { } dp
            ? $"{proto} {Endpoint(Source, sp)} -> {Endpoint(Destination, dp)}"
            : $"{proto} {Source} -> {Destination}";
    }

    /// <summary>A name for files: letters, digits, dots and dashes only.</summary>
    public string FileName() =>
        new string(ToString().Replace(" -> ", "-to-").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());

    private static string Endpoint(IPAddress address, ushort port) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
