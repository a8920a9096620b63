using System.Net;
using System.Net.Sockets;

namespace NetTrace.Abstractions.Rules;

/// <summary>
/// The addresses and CIDR prefixes of a rule's <c>saddr in ("10.0.0.0/8", "fd00::1")</c>. Compiled rules build one
/// per test from literals the rules compiler has already checked with <see cref="TryParse"/>; an address of the
/// other family never matches (an IPv4-mapped IPv6 address is IPv6).
/// </summary>
public sealed class AddressSet
{
    private readonly Prefix[] _prefixes;

    /// <exception cref="ArgumentException">An entry is not an address or prefix (the compiler lets none through).</exception>
    public AddressSet(params string[] entries)
    {
        _prefixes = new Prefix[entries.Length];
        for (int i = 0; i < entries.Length; i++)
            _prefixes[i] = TryParse(entries[i], out var prefix, out string? error)
                ? prefix
                : throw new ArgumentException(error, nameof(entries));
    }

    /// <summary>Whether <paramref name="address"/> (an address as text) lies in any of the prefixes.</summary>
    public bool Contains(string address)
    {
        if (!IPAddress.TryParse(address, out var ip))
            return false;
        Span<byte> bytes = stackalloc byte[16];
        if (!ip.TryWriteBytes(bytes, out int length))
            return false;
        foreach (var prefix in _prefixes)
        {
            if (prefix.Bytes.Length == length && prefix.Covers(bytes[..length]))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Reads <c>ADDRESS</c> or <c>ADDRESS/BITS</c> strictly: IPv4 as four dotted decimals (not the shorthand
    /// <c>10.1</c> that <see cref="IPAddress.Parse(string)"/> takes), IPv6 without a scope, and no bits set past the
    /// prefix length (<c>10.1.0.0/8</c> is a typo for something).
    /// </summary>
    public static bool TryParse(string text, out Prefix prefix, out string? error)
    {
        prefix = default;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var address))
        {
            error = $"'{text}' is not an IPv4 or IPv6 address" + (slash < 0 ? "" : " with a prefix length");
            return false;
        }
        byte[] bytes = address.GetAddressBytes();
        int maxBits = bytes.Length * 8;
        int bits = maxBits;
        if (slash >= 0 && !(int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out bits) && bits <= maxBits))
        {
            error = $"'{text}': the prefix length must be a number from 0 to {maxBits}";
            return false;
        }
        prefix = new Prefix(bytes, bits);
        if (HasHostBits(bytes, bits))
        {
            error = $"'{text}' has bits set past its /{bits}; the network is {Network(bytes, bits)}/{bits}";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>An address as rules read it (canonical text), or null when <paramref name="text"/> is not one.</summary>
    public static string? Canonical(string text) => TryParseAddress(text, out var address) ? address.ToString() : null;

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        bool v6 = text.Contains(':', StringComparison.Ordinal);
        if (v6 ? text.Contains('%', StringComparison.Ordinal) : !IsDottedQuad(text))
            return false;
        if (!IPAddress.TryParse(text, out var parsed) || parsed is null)
            return false;
        address = parsed;
        return address.AddressFamily == (v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    private static bool HasHostBits(byte[] bytes, int bits)
    {
        for (int bit = bits; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
                return true;
        }
        return false;
    }

    private static IPAddress Network(byte[] bytes, int bits)
    {
        var network = (byte[])bytes.Clone();
        for (int bit = bits; bit < network.Length * 8; bit++)
            network[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(network);
    }

    /// <summary>A network: its address bytes (4 or 16) and how many leading bits count.</summary>
    public readonly record struct Prefix(byte[] Bytes, int Bits)
    {
        public bool Covers(ReadOnlySpan<byte> address)
        {
            int whole = Bits / 8;
            if (!address[..whole].SequenceEqual(Bytes.AsSpan(0, whole)))
                return false;
            int rest = Bits % 8;
            if (rest == 0)
                return true;
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (Bytes[whole] & mask);
        }
    }
}
