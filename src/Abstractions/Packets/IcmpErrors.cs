namespace NetTrace.Abstractions.Packets;

/// <summary>
/// ICMP and ICMPv6 error messages as nettrace names them: a short name the rules compare ("ttl-exceeded",
/// "frag-needed", "port-unreachable"...), the same for both families where the meaning is the same, and the
/// words a trace line shows. The codes are RFC 792/1812 (ICMP) and RFC 4443 (ICMPv6).
/// </summary>
public static class IcmpErrors
{
    private const byte FragmentationNeeded = 4;
    private const byte TimeExceededInTransit = 0;

    /// <summary>The rules' name for the error.</summary>
    public static string Name(bool ipv6, byte type, byte code) => ipv6 ? NameV6(type, code) : NameV4(type, code);

    /// <summary>True when the error's info is the next-hop MTU.</summary>
    public static bool CarriesMtu(bool ipv6, byte type, byte code) => ipv6
        ? type == IcmpV6Types.PacketTooBig
        : type == IcmpTypes.DestinationUnreachable && code == FragmentationNeeded;

    /// <summary>The words of a trace line: "time exceeded (TTL expired in transit)", "fragmentation needed, next-hop MTU 1400".</summary>
    public static string Describe(bool ipv6, byte type, byte code, uint info)
    {
        string name = Name(ipv6, type, code);
        return name switch
        {
            "frag-needed" => $"fragmentation needed, next-hop MTU {info}",
            "packet-too-big" => $"packet too big, next-hop MTU {info}",
            "ttl-exceeded" => ipv6 ? "time exceeded (hop limit expired in transit)" : "time exceeded (TTL expired in transit)",
            "reassembly-timeout" => "time exceeded (fragment reassembly time exceeded)",
            _ when name.StartsWith("type ", StringComparison.Ordinal) => "ICMP" + (ipv6 ? "v6 " : " ") + name,
            _ => name.Replace('-', ' '),
        };
    }

    private static string NameV4(byte type, byte code) => type switch
    {
        IcmpTypes.DestinationUnreachable => code switch
        {
            0 or 6 => "net-unreachable",
            1 or 7 => "host-unreachable",
            2 => "protocol-unreachable",
            3 => "port-unreachable",
            FragmentationNeeded => "frag-needed",
            5 => "source-route-failed",
            9 or 10 or 13 => "admin-prohibited",
            _ => $"dest-unreachable-{code}",
        },
        IcmpTypes.TimeExceeded => code == TimeExceededInTransit ? "ttl-exceeded" : "reassembly-timeout",
        IcmpTypes.ParameterProblem => "parameter-problem",
        IcmpTypes.Redirect => "redirect",
        4 => "source-quench",
        _ => $"type {type} code {code}",
    };

    private static string NameV6(byte type, byte code) => type switch
    {
        IcmpV6Types.DestinationUnreachable => code switch
        {
            0 => "net-unreachable",
            1 or 5 or 6 => "admin-prohibited",
            2 => "beyond-scope",
            3 => "host-unreachable",
            4 => "port-unreachable",
            _ => $"dest-unreachable-{code}",
        },
        IcmpV6Types.PacketTooBig => "packet-too-big",
        IcmpV6Types.TimeExceeded => code == TimeExceededInTransit ? "ttl-exceeded" : "reassembly-timeout",
        IcmpV6Types.ParameterProblem => "parameter-problem",
        _ => $"type {type} code {code}",
    };
}
