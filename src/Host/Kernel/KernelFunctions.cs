using System.Globalization;
using System.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Finds the kernel functions a catalogue names in /proc/kallsyms: the exact name first, else a
/// compiler-renamed variant ("name.isra.0", "name.constprop.0"), never a "__UNIQUE_ID" symbol.
/// Only the wanted names are kept, so one pass over the file is all it costs.
/// </summary>
internal static class KernelFunctions
{
    private const string KallsymsPath = "/proc/kallsyms";

    public static IReadOnlyDictionary<string, KernelFunction> Resolve(IEnumerable<string> names, string path = KallsymsPath)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var exact = new Dictionary<string, KernelFunction>(StringComparer.Ordinal);
        var variants = new Dictionary<string, KernelFunction>(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return exact;
        var lookup = wanted.GetAlternateLookup<ReadOnlySpan<char>>();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new StreamReader(stream, Encoding.ASCII, false, 1 << 16);
            string? line;
            while ((line = reader.ReadLine()) is not null)
                Consider(line, lookup, exact, variants);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return exact;
        }
        foreach (var (name, function) in variants)
            exact.TryAdd(name, function);
        return exact;
    }

    /// <summary>Parses "ffffffff81000000 T name [module]" and keeps wanted text symbols.</summary>
    private static void Consider(string line, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> wanted,
        Dictionary<string, KernelFunction> exact, Dictionary<string, KernelFunction> variants)
    {
        var span = line.AsSpan();
        int sp = span.IndexOf(' ');
        if (sp <= 0 || sp + 3 >= span.Length || span[sp + 2] != ' ' || span[sp + 1] is not ('t' or 'T'))
            return;
        var symbol = span[(sp + 3)..];
        int end = symbol.IndexOfAny('\t', ' ');
        if (end >= 0)
            symbol = symbol[..end];
        int dot = symbol.IndexOf('.');
        var baseName = dot < 0 ? symbol : symbol[..dot];
        if (!wanted.TryGetValue(baseName, out string? name) || symbol.Contains("__UNIQUE_ID", StringComparison.Ordinal))
            return;
        if (!ulong.TryParse(span[..sp], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address) || address == 0)
            return;
        var target = dot < 0 ? exact : variants;
        target.TryAdd(name, new KernelFunction(name, symbol.ToString(), address));
    }
}
