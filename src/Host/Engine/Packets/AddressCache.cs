using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;

namespace NetTrace.Host.Engine.Packets;

/// <summary>
/// The packets' addresses as <see cref="IPAddress"/> objects, each made once: a flood repeats the same few addresses
/// millions of times, and two new objects per packet were a good part of the decoder's garbage. Shared objects are
/// safe because nothing changes an address once parsed (no scope id is ever set on a packet's address).
/// </summary>
internal static class AddressCache
{
    private const int Limit = 4096;
    private static readonly ConcurrentDictionary<uint, IPAddress> V4 = new();
    private static readonly ConcurrentDictionary<(ulong, ulong), IPAddress> V6 = new();

    /// <summary>The address in 4 (IPv4) or 16 (IPv6) bytes, network order.</summary>
    public static IPAddress Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 4)
        {
            uint key = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            if (V4.TryGetValue(key, out var v4))
                return v4;
            return Add(V4, key, new IPAddress(bytes));
        }
        var wide = (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
        if (V6.TryGetValue(wide, out var v6))
            return v6;
        return Add(V6, wide, new IPAddress(bytes));
    }

    private static IPAddress Add<TKey>(ConcurrentDictionary<TKey, IPAddress> cache, TKey key, IPAddress address) where TKey : notnull
    {
        if (cache.Count >= Limit)
            cache.Clear(); // a scan over many addresses: start over rather than grow
        cache[key] = address;
        return address;
    }
}
