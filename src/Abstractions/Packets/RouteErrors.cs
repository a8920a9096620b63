using System.Globalization;

namespace NetTrace.Abstractions.Packets;

/// <summary>
/// The errno a failed IPv4 route lookup leaves in the packet's error route (ip_error), by name and by
/// what the routing table holds for it (fib_props in net/ipv4/fib_semantics.c).
/// </summary>
public static class RouteErrors
{
    public const uint EInval = 22;
    public const uint EAcces = 13;
    public const uint EHostUnreach = 113;
    public const uint ENetUnreach = 101;

    public static string Name(uint errno) => errno switch
    {
        EInval => "EINVAL",
        EAcces => "EACCES",
        EHostUnreach => "EHOSTUNREACH",
        ENetUnreach => "ENETUNREACH",
        _ => "errno " + errno.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>What the lookup found, in a few words.</summary>
    public static string Meaning(uint errno) => errno switch
    {
        EInval => "a blackhole route",
        EAcces => "a prohibit route",
        EHostUnreach => "an unreachable route, or forwarding is off on the input device",
        ENetUnreach => "no route to the destination",
        _ => "an error route",
    };
}
