using System.Globalization;

namespace NetTrace.Abstractions.Rendering;

/// <summary>One frame of a "Call Stack:" block, the same for every mode that prints stacks.</summary>
public static class StackFrameLine
{
    /// <summary>
    /// "    -> icmp_rcv+0x1 [ffffffff81a0b2c1]": the seed's symbol first, so scripts matching the seed's frames still
    /// do, then the address upstream prints now (for addr2line or a debugger).
    /// </summary>
    public static string Format(string symbol, ulong address) =>
        string.Create(CultureInfo.InvariantCulture, $"    -> {symbol} [{address:x}]");
}
