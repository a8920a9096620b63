using System.Globalization;

namespace NetTrace.Abstractions.Packets;

/// <summary>A neighbour's NUD state (include/uapi/linux/neighbour.h), named as `ip neigh` prints it.</summary>
public static class NeighbourStates
{
    private static readonly (uint Bit, string Name)[] States =
    [
        (0x01, "INCOMPLETE"), (0x02, "REACHABLE"), (0x04, "STALE"), (0x08, "DELAY"),
        (0x10, "PROBE"), (0x20, "FAILED"), (0x40, "NOARP"), (0x80, "PERMANENT"),
    ];

    /// <summary>The state's name; several bits joined by '|'; "NONE" for 0 (a neighbour just created).</summary>
    public static string Name(uint state)
    {
        if (state == 0)
            return "NONE";
        var names = States.Where(s => (state & s.Bit) != 0).Select(s => s.Name).ToList();
        uint unknown = state & ~0xffu;
        if (unknown != 0)
            names.Add("0x" + unknown.ToString("x", CultureInfo.InvariantCulture));
        return string.Join('|', names);
    }
}
