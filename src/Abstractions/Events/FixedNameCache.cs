using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// The kernel's 16-byte names (task comm, interface name) as strings, each made once: a flood repeats the same
/// few names millions of times, and a string per event per name was a large share of the decoder's garbage.
/// </summary>
internal static class FixedNameCache
{
    private const int Limit = 4096;
    private static readonly ConcurrentDictionary<(ulong, ulong), string> Names = new();

    public static string Get(ReadOnlySpan<byte> name16)
    {
        var key = (MemoryMarshal.Read<ulong>(name16), MemoryMarshal.Read<ulong>(name16[8..]));
        if (Names.TryGetValue(key, out string? text))
            return text;
        int end = name16.IndexOf((byte)0);
        text = Encoding.UTF8.GetString(end < 0 ? name16 : name16[..end]);
        if (Names.Count >= Limit)
            Names.Clear(); // many distinct names (a fork storm): start over rather than grow
        Names[key] = text;
        return text;
    }
}
