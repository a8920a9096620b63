using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text.RegularExpressions;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Cli;

/// <summary>The value syntaxes of nettrace's options. Each returns a one-line error (without "nettrace: ") or null.</summary>
internal static partial class ValueParsers
{
    public const string TcpFlagLetters = "SAPRFUEC";

    // IPAddress.Parse takes "1.2.3" and "7" as IPv4 (classful shorthand); a filter typo must not turn into 1.2.0.3.
    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuad();

    public static string? Address(string text, string option, out IPAddress? value)
    {
        value = null;
        bool looksV6 = text.Contains(':') && !text.Contains('%'); // a scope id cannot be matched in the kernel
        if ((looksV6 || DottedQuad().IsMatch(text)) && IPAddress.TryParse(text, out var address)
            && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
        {
            value = address;
            return null;
        }
        return $"invalid address '{text}' for {option}";
    }

    public static string? Port(string text, string option, out ushort? value)
    {
        value = null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long port))
            return text.Length > 0 && text.All(char.IsAsciiDigit)
                ? $"port {text} is out of range 1-65535 for {option}"
                : $"invalid port '{text}' for {option} (expected 1-65535)";
        if (port is < 1 or > ushort.MaxValue)
            return $"port {port} is out of range 1-65535 for {option}";
        value = (ushort)port;
        return null;
    }

    public static string? Protocol(string text, string option, out ProtocolFilter? value)
    {
        value = ProtocolFilter.Find(text);
        return value is null
            ? $"unknown protocol '{text}' for {option} (expected {string.Join(", ", ProtocolFilter.All.Select(p => p.Name))})"
            : null;
    }

    /// <summary>
    /// A duration: a bare number is milliseconds (the seed's unit), or a number with its unit, "us", "ms" or "s"
    /// (upstream's --min-latency counts µs: "500us" says so without doubt). Positive, in nanoseconds.
    /// </summary>
    public static string? Duration(string text, string option, out ulong? value)
    {
        value = null;
        var m = DurationSyntax().Match(text);
        if (!m.Success || !ulong.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number) || number == 0)
            return $"invalid duration '{text}' for {option} (expected a positive number of ms, or with a unit: 500us, 2ms, 1s)";
        ulong scale = m.Groups[2].Value switch { "us" => 1_000, "s" => 1_000_000_000, _ => 1_000_000 };
        if (number > ulong.MaxValue / scale)
            return $"duration '{text}' is too long for {option}";
        value = number * scale;
        return null;
    }

    [GeneratedRegex(@"^(\d{1,19})(us|ms|s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationSyntax();

    /// <summary>A whole number, 0 included (an RTT floor of 0 keeps every sample, as upstream's 0 does).</summary>
    public static ValueParser<T?> NonNegative<T>(string what) where T : struct, IBinaryInteger<T>
    {
        return (string text, string option, out T? value) =>
        {
            value = null;
            if (!T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out T number))
                return $"invalid {what} '{text}' for {option} (expected a whole number, 0 for every sample)";
            value = number;
            return null;
        };
    }

    /// <summary>A positive integer of type <typeparamref name="T"/>; <paramref name="what"/> names it in the message.</summary>
    public static ValueParser<T?> Positive<T>(string what) where T : struct, IBinaryInteger<T>
    {
        return (string text, string option, out T? value) =>
        {
            value = null;
            if (!T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out T number) || number <= T.Zero)
                return $"invalid {what} '{text}' for {option} (expected a positive integer)";
            value = number;
            return null;
        };
    }

    /// <summary>A file path; only emptiness is refused here (whether it can be written is found when it is opened).</summary>
    public static string? Path(string text, string option, out string? value)
    {
        value = string.IsNullOrWhiteSpace(text) ? null : text;
        return value is null ? $"{option} needs a file name" : null;
    }

    /// <summary>
    /// --metrics: "PORT", ":PORT" or "ADDR:PORT" ("[v6]:PORT"); the address defaults to 127.0.0.1 so the
    /// endpoint is not exposed unless asked.
    /// </summary>
    public static string? MetricsEndpoint(string text, string option, out System.Net.IPEndPoint? value)
    {
        value = null;
        string host = "127.0.0.1", port = text;
        int colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            host = colon == 0 ? host : text[..colon].Trim('[', ']');
            port = text[(colon + 1)..];
        }
        if (!System.Net.IPAddress.TryParse(host, out var address))
            return $"invalid address '{host}' for {option} (expected ADDR:PORT, e.g. 127.0.0.1:9464)";
        if (!ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out ushort number) || number == 0)
            return $"invalid port '{port}' for {option} (expected ADDR:PORT, e.g. 127.0.0.1:9464)";
        value = new System.Net.IPEndPoint(address, number);
        return null;
    }

    /// <summary>"N" (exactly N bytes) or "N-M" (inclusive), with N &lt;= M &lt;= 65535.</summary>
    public static string? PacketLength(string text, string option, out (ushort Min, ushort Max)? value)
    {
        value = null;
        string[] parts = text.Split('-');
        if (parts.Length is 1 or 2
            && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ushort min)
            && ushort.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out ushort max)
            && min <= max)
        {
            value = (min, max);
            return null;
        }
        return $"invalid length '{text}' for {option} (expected N or N-M with N <= M <= 65535)";
    }

    /// <summary>"VALUE" or "VALUE/MASK" (decimal or 0x hex, 32 bits each): skb->mark &amp; MASK must equal VALUE; MASK defaults to all bits.</summary>
    public static string? Mark(string text, string option, out (uint Value, uint Mask)? value)
    {
        value = null;
        string[] parts = text.Split('/');
        if (parts.Length is 1 or 2 && Number(parts[0]) is { } mark && (parts.Length == 1 ? uint.MaxValue : Number(parts[1])) is { } mask)
        {
            if (mask == 0)
                return $"{option} {text}: a mask of 0 matches every packet";
            if ((mark & ~mask) != 0)
                return $"{option} {text}: the value has bits outside the mask, so no packet can match";
            value = (mark, mask);
            return null;
        }
        return $"invalid mark '{text}' for {option} (expected VALUE or VALUE/MASK, decimal or 0x hex)";

        static uint? Number(string s) =>
            s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? uint.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint hex) ? hex : null
                : uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out uint dec) ? dec : null;
    }

    /// <summary>A network device's name as the kernel allows it: 1 to 15 bytes, no '/', ':' or white space, not "." or "..".</summary>
    public static string? InterfaceName(string text, string option, out string? value)
    {
        value = null;
        if (text.Length is 0 or > 15 || text is "." or ".." || text.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c > 0x7e))
            return $"invalid device name '{text}' for {option} (1 to 15 characters, no '/', ':' or spaces)";
        value = text;
        return null;
    }

    /// <summary>Letters from SAPRFUEC (either case) to the TCP header's flag bits.</summary>
    public static string? TcpFlagSet(string text, string option, out byte value)
    {
        value = 0;
        if (text.Length == 0)
            return $"{option} needs at least one of the letters {TcpFlagLetters}";
        foreach (char letter in text)
        {
            TcpFlags flag = char.ToUpperInvariant(letter) switch
            {
                'S' => TcpFlags.SYN,
                'A' => TcpFlags.ACK,
                'P' => TcpFlags.PSH,
                'R' => TcpFlags.RST,
                'F' => TcpFlags.FIN,
                'U' => TcpFlags.URG,
                'E' => TcpFlags.ECE,
                'C' => TcpFlags.CWR,
                _ => TcpFlags.None,
            };
            if (flag == TcpFlags.None)
                return $"invalid TCP flag '{letter}' in {option} (expected letters from {TcpFlagLetters})";
            value |= (byte)flag;
        }
        return null;
    }

    /// <summary>Comma-separated names from every occurrence, in order, without blanks or repeats.</summary>
    public static string? NameList(IEnumerable<string> texts, string option, int max, out IReadOnlyList<string> value)
    {
        var names = texts
            .SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        value = names;
        if (names.Length == 0)
            return $"{option} needs at least one name";
        if (names.Length > max)
            return $"{option} takes at most {max} entries, got {names.Length}";
        return null;
    }
}
