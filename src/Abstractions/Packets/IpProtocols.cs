namespace NetTrace.Abstractions.Packets;

/// <summary>IANA protocol numbers that appear in <see cref="PacketInfo.L4Protocol"/> or in IPv6 header chains.</summary>
public static class IpProtocols
{
    public const byte HopByHop = 0;
    public const byte Icmp = 1;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Routing = 43;
    public const byte Fragment = 44;
    public const byte Gre = 47;
    public const byte Esp = 50;
    public const byte AuthenticationHeader = 51;
    public const byte IcmpV6 = 58;
    public const byte NoNextHeader = 59;
    public const byte DestinationOptions = 60;
    public const byte Mobility = 135;
    public const byte Hip = 139;
    public const byte Shim6 = 140;
}
