namespace NetTrace.Abstractions.Packets;

/// <summary>ICMP (IPv4) message types the formatter names.</summary>
public static class IcmpTypes
{
    public const byte EchoReply = 0;
    public const byte DestinationUnreachable = 3;
    public const byte Redirect = 5;
    public const byte EchoRequest = 8;
    public const byte TimeExceeded = 11;
    public const byte ParameterProblem = 12;
}
