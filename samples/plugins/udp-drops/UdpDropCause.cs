namespace Contoso.NetTrace.UdpDrops;

/// <summary>What the kernel's error code means for a datagram that could not be queued.</summary>
public static class UdpDropCause
{
    private const int ENOMEM = 12;
    private const int ENOBUFS = 105;

    /// <summary>"-ENOMEM (receive buffer full)"; an unknown code as its number.</summary>
    public static string Of(int rc) => -rc switch
    {
        ENOMEM => "-ENOMEM (receive buffer full)",
        ENOBUFS => "-ENOBUFS (UDP memory limit net.ipv4.udp_mem reached)",
        _ => rc.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>"ENOMEM": the error's short name, a label value that stays the same across releases; an unknown code as its number.</summary>
    public static string Errno(int rc) => -rc switch
    {
        ENOMEM => "ENOMEM",
        ENOBUFS => "ENOBUFS",
        _ => rc.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
