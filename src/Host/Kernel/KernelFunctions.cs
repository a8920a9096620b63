using System.Globalization;
using System.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Finds the kernel functions a catalogue names in /proc/kallsyms: the exact name first, else a
/// compiler-renamed variant ("name.isra.0", "name.constprop.0"), never a "__UNIQUE_ID" symbol.
/// The file is scanned as bytes, keeping only wanted names: producing it is the kernel's cost, parsing
/// it should add little.
/// </summary>
internal static class KernelFunctions
{
    public const string KallsymsPath = "/proc/kallsyms";
    private const int MaxName = 256;

    public static IReadOnlyDictionary<string, KernelFunction> Resolve(IEnumerable<string> names, string path = KallsymsPath)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var exact = new Dictionary<string, KernelFunction>(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return exact;
        byte[] text;
        try
        {
            text = ReadAll(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return exact;
        }
        var variants = new Dictionary<string, KernelFunction>(StringComparer.Ordinal);
        var lookup = wanted.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[MaxName];
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            int end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            Consider(line, lookup, chars, exact, variants);
        }
        foreach (var (name, function) in variants)
            exact.TryAdd(name, function);
        return exact;
    }

    /// <summary>/proc files report no size, so read until the end.</summary>
    private static byte[] ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var copy = new MemoryStream(8 << 20);
        stream.CopyTo(copy, 1 << 20);
        return copy.ToArray();
    }

    /// <summary>Parses "ffffffff81000000 T name [module]" and keeps wanted text symbols.</summary>
    private static void Consider(ReadOnlySpan<byte> line, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> wanted, Span<char> chars,
        Dictionary<string, KernelFunction> exact, Dictionary<string, KernelFunction> variants)
    {
        int sp = line.IndexOf((byte)' ');
        if (sp <= 0 || sp + 3 >= line.Length || line[sp + 2] != ' ' || line[sp + 1] is not ((byte)'t' or (byte)'T'))
            return;
        var symbol = line[(sp + 3)..];
        int end = symbol.IndexOfAny((byte)'\t', (byte)' ');
        if (end >= 0)
            symbol = symbol[..end];
        if (symbol.Length > MaxName)
            return;
        int dot = symbol.IndexOf((byte)'.');
        var baseName = dot < 0 ? symbol : symbol[..dot];
        int count = Encoding.ASCII.GetChars(baseName, chars);
        if (!wanted.TryGetValue(chars[..count], out string? name) || symbol.IndexOf("__UNIQUE_ID"u8) >= 0)
            return;
        if (!ulong.TryParse(line[..sp], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address) || address == 0)
            return;
        var target = dot < 0 ? exact : variants;
        target.TryAdd(name, new KernelFunction(name, Encoding.ASCII.GetString(symbol), address));
    }
}
