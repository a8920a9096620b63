using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using NetTrace.Tests.Shared;
using NetTrace.Tests.Unit.Packets;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>Decoded packets of one flow, parsed from real header bytes the way the host sees them.</summary>
internal static class FlowPackets
{
    public static PacketInfo Tcp(string source, ushort sport, string destination, ushort dport, TcpFlags flags = TcpFlags.ACK) =>
        PacketParser.Parse(EtherTypes.IPv4, IPv4(IpProtocols.Tcp, source, destination, PacketBytes.Tcp(sport, dport, 1, 0, flags)));

    public static PacketInfo Tcp6(string source, ushort sport, string destination, ushort dport) =>
        PacketParser.Parse(EtherTypes.IPv6, IPv6(IpProtocols.Tcp, source, destination, PacketBytes.Tcp(sport, dport, 1, 0, TcpFlags.SYN)));

    public static PacketInfo Udp(string source, ushort sport, string destination, ushort dport, int dataLength = 0) =>
        PacketParser.Parse(EtherTypes.IPv4, IPv4(IpProtocols.Udp, source, destination, PacketBytes.Udp(sport, dport, dataLength)));

    public static PacketInfo Ping(string source, string destination) =>
        PacketParser.Parse(EtherTypes.IPv4, IPv4(IpProtocols.Icmp, source, destination, Echo(IcmpTypes.EchoRequest, 7, 1)));

    public static PacketInfo Arp(string sender, string target) =>
        PacketParser.Parse(EtherTypes.ARP, PacketBytes.Arp(1, sender, target));
}
