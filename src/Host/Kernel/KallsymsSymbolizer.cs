using System.Globalization;

namespace NetTrace.Host.Kernel;

/// <summary>Kernel address → <c>function+0xoffset</c>, from /proc/kallsyms.</summary>
internal sealed class KallsymsSymbolizer
{
    private readonly ulong[] _addresses;
    private readonly string[] _names;

    private KallsymsSymbolizer(ulong[] addresses, string[] names)
    {
        _addresses = addresses;
        _names = names;
    }

    /// <summary>False when the kernel hides addresses (kptr_restrict) or kallsyms is unreadable.</summary>
    public bool Available => _addresses.Length > 0;

    public static KallsymsSymbolizer Load(string path = "/proc/kallsyms")
    {
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new KallsymsSymbolizer([], []);
        }
    }

    /// <summary>Reads "address type name [module]" lines, keeping text symbols only.</summary>
    internal static KallsymsSymbolizer Parse(TextReader reader)
    {
        var entries = new List<(ulong Address, string Name)>(150_000);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var span = line.AsSpan();
            int sp1 = span.IndexOf(' ');
            if (sp1 <= 0 || sp1 + 3 >= span.Length || span[sp1 + 2] != ' ')
                continue;
            char type = span[sp1 + 1];
            if (type is not ('t' or 'T' or 'w' or 'W'))
                continue;
            if (!ulong.TryParse(span[..sp1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address) || address == 0)
                continue;
            var rest = span[(sp1 + 3)..];
            int end = rest.IndexOfAny('\t', ' ');
            entries.Add((address, (end < 0 ? rest : rest[..end]).ToString()));
        }
        entries.Sort((a, b) => a.Address.CompareTo(b.Address));
        return new KallsymsSymbolizer(entries.Select(e => e.Address).ToArray(), entries.Select(e => e.Name).ToArray());
    }

    /// <summary>The symbol containing <paramref name="address"/>, or null.</summary>
    public (string Name, ulong Offset)? Lookup(ulong address)
    {
        int i = Array.BinarySearch(_addresses, address);
        if (i < 0)
            i = ~i - 1;
        if (i < 0)
            return null;
        return (_names[i], address - _addresses[i]);
    }

    public string Symbolize(ulong address) =>
        Lookup(address) is { } hit ? $"{hit.Name}+0x{hit.Offset:x}" : $"0x{address:x}";
}
