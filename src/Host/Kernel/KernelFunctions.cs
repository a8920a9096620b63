using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Finds the kernel functions a catalogue names in /proc/kallsyms, or in the boot's snapshot of it: the exact name
/// first, else a compiler-renamed variant ("name.isra.0", "name.constprop.0"), never a "__UNIQUE_ID" symbol.
/// The file is scanned as bytes, keeping only wanted names: producing it is the kernel's cost, parsing
/// it should add little.
/// </summary>
internal static class KernelFunctions
{
    public const string KallsymsPath = "/proc/kallsyms";
    private const int MaxName = 256;

    /// <summary>From the text of /proc/kallsyms.</summary>
    public static IReadOnlyDictionary<string, KernelFunction> Resolve(IEnumerable<string> names, ReadOnlySpan<byte> kallsyms)
    {
        var matches = new Matches(names);
        var rest = kallsyms;
        while (rest.Length > 0 && !matches.Empty)
        {
            int end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            int sp = line.IndexOf((byte)' ');
            if (sp <= 0 || sp + 3 >= line.Length || line[sp + 2] != ' ' || line[sp + 1] is not ((byte)'t' or (byte)'T'))
                continue;
            var symbol = line[(sp + 3)..];
            int nameEnd = symbol.IndexOfAny((byte)'\t', (byte)' ');
            if (nameEnd >= 0)
                symbol = symbol[..nameEnd];
            if (matches.Wants(symbol, out string? name) &&
                ulong.TryParse(line[..sp], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address))
            {
                matches.Add(name, symbol, address);
            }
        }
        return matches.Result();
    }

    /// <summary>From the boot's snapshot of the kernel's and modules' text symbols (<see cref="KallsymsSnapshot"/>).</summary>
    public static IReadOnlyDictionary<string, KernelFunction> Resolve(IEnumerable<string> names, KallsymsTable symbols)
    {
        var matches = new Matches(names);
        for (int i = 0; i < symbols.Count && !matches.Empty; i++)
        {
            var symbol = symbols.NameBytes(i);
            if (matches.Wants(symbol, out string? name))
                matches.Add(name, symbol, symbols.Addresses[i]);
        }
        return matches.Result();
    }

    /// <summary>The text of /proc/kallsyms, or nothing when it cannot be read.</summary>
    public static byte[] ReadKallsyms()
    {
        try
        {
            // /proc files report no size, so read until the end.
            using var stream = new FileStream(KallsymsPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var copy = new MemoryStream(8 << 20);
            stream.CopyTo(copy, 1 << 20);
            return copy.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The wanted names and what was found for them: exact names first, compiler-renamed variants after.</summary>
    private sealed class Matches
    {
        private readonly HashSet<string> _wanted;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly Dictionary<string, KernelFunction> _exact = new(StringComparer.Ordinal);
        private readonly Dictionary<string, KernelFunction> _variants = new(StringComparer.Ordinal);
        private readonly char[] _chars = new char[MaxName];

        public Matches(IEnumerable<string> names)
        {
            _wanted = names.ToHashSet(StringComparer.Ordinal);
            _lookup = _wanted.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public bool Empty => _wanted.Count == 0;

        /// <summary>Whether <paramref name="symbol"/> is a wanted name or a variant of one (never a "__UNIQUE_ID" symbol).</summary>
        public bool Wants(ReadOnlySpan<byte> symbol, [NotNullWhen(true)] out string? name)
        {
            name = null;
            if (symbol.Length > MaxName)
                return false;
            int dot = symbol.IndexOf((byte)'.');
            var baseName = dot < 0 ? symbol : symbol[..dot];
            int count = Encoding.ASCII.GetChars(baseName, _chars);
            return _lookup.TryGetValue(_chars.AsSpan(0, count), out name) && symbol.IndexOf("__UNIQUE_ID"u8) < 0;
        }

        public void Add(string name, ReadOnlySpan<byte> symbol, ulong address)
        {
            if (address == 0)
                return;
            var target = symbol.Length == name.Length ? _exact : _variants;
            target.TryAdd(name, new KernelFunction(name, Encoding.ASCII.GetString(symbol), address));
        }

        public Dictionary<string, KernelFunction> Result()
        {
            foreach (var (name, function) in _variants)
                _exact.TryAdd(name, function);
            return _exact;
        }
    }
}
