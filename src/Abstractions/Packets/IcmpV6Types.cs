namespace NetTrace.Abstractions.Packets;

/// <summary>ICMPv6 message types the formatter names (RFC 4443, 4861, 2710, 3810).</summary>
public static class IcmpV6Types
{
    public const byte DestinationUnreachable = 1;
    public const byte PacketTooBig = 2;
    public const byte TimeExceeded = 3;
    public const byte ParameterProblem = 4;
    public const byte EchoRequest = 128;
    public const byte EchoReply = 129;
    public const byte MldQuery = 130;
    public const byte MldV1Report = 131;
    public const byte MldV1Done = 132;
    public const byte RouterSolicitation = 133;
    public const byte RouterAdvertisement = 134;
    public const byte NeighbourSolicitation = 135;
    public const byte NeighbourAdvertisement = 136;
    public const byte Redirect = 137;
    public const byte MldV2Report = 143;
}
