namespace NetTrace.Abstractions.Packets;

/// <summary>The network-layer family a captured packet was decoded as, chosen from its EtherType.</summary>
public enum L3Kind : byte
{
    /// <summary>An EtherType the parser does not decode; only <see cref="PacketInfo.EtherType"/> is set.</summary>
    Other = 0,
    IPv4 = 1,
    IPv6 = 2,
    ARP = 3,
}
