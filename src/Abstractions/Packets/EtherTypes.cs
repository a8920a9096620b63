namespace NetTrace.Abstractions.Packets;

/// <summary>EtherType values (host byte order) the packet parser decodes.</summary>
public static class EtherTypes
{
    public const ushort IPv4 = 0x0800;
    public const ushort ARP = 0x0806;
    public const ushort IPv6 = 0x86DD;
}
