using System.Buffers.Binary;
using System.Net;

namespace NetTrace.Host.Engine.Packets;

/// <summary>
/// The packets' addresses as <see cref="IPAddress"/> objects, each made once: a flood repeats the same few addresses
/// millions of times, and two new objects per packet were a good part of the decoder's garbage. Shared objects are
/// safe because nothing changes an address once parsed (no scope id is ever set on a packet's address).
/// A direct-mapped table: one slot per hash, a newcomer replaces whatever was there; slots hold immutable entries,
/// so threads racing on one only ever see a whole entry.
/// </summary>
internal static class AddressCache
{
    private const int Slots = 1024;

    private static readonly V4Entry?[] V4 = new V4Entry?[Slots];
    private static readonly V6Entry?[] V6 = new V6Entry?[Slots];

    /// <summary>The address in 4 (IPv4) or 16 (IPv6) bytes, network order.</summary>
    public static IPAddress Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 4)
        {
            uint key = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            int slot = (int)((key * 2654435769u) >> 22); // Fibonacci hashing onto 1024 slots
            if (V4[slot] is { } hit && hit.Key == key)
                return hit.Address;
            var v4 = new V4Entry(key, new IPAddress(bytes));
            V4[slot] = v4;
            return v4.Address;
        }
        ulong high = BinaryPrimitives.ReadUInt64LittleEndian(bytes), low = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        int at = (int)(((high ^ low) * 11400714819323198485ul) >> 54);
        if (V6[at] is { } found && found.High == high && found.Low == low)
            return found.Address;
        var v6 = new V6Entry(high, low, new IPAddress(bytes));
        V6[at] = v6;
        return v6.Address;
    }

    private sealed record V4Entry(uint Key, IPAddress Address);

    private sealed record V6Entry(ulong High, ulong Low, IPAddress Address);
}
