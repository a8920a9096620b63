using System.Globalization;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Remembers resolved kernel functions across runs of one boot (<see cref="BootCache"/>), keyed also by the
/// names asked for.
/// </summary>
internal static class FunctionCache
{
    public static IReadOnlyDictionary<string, KernelFunction> Resolve(IReadOnlyCollection<string> names, Action<string> verbose)
    {
        string? file = BootCache.FileFor("functions", "txt", names);
        if (file is not null && TryRead(file) is { } cached)
        {
            verbose($"kernel functions from cache {file}");
            return cached;
        }
        IReadOnlyDictionary<string, KernelFunction> resolved;
        if (KallsymsSnapshot.ForBoot() is { } snapshot)
        {
            resolved = KernelFunctions.Resolve(names, snapshot.Table);
            verbose("kernel functions from the boot's snapshot of kallsyms");
        }
        else
        {
            // Read once: the snapshot it leaves serves other sets of names, and the symbolizer.
            byte[] kallsyms = KernelFunctions.ReadKallsyms();
            resolved = KernelFunctions.Resolve(names, kallsyms);
            if (resolved.Count > 0)
                KallsymsSnapshot.LeaveForBoot(kallsyms);
        }
        if (file is not null && resolved.Count > 0)
            TryWrite(file, resolved.Values);
        return resolved;
    }

    private static Dictionary<string, KernelFunction>? TryRead(string file)
    {
        try
        {
            var result = new Dictionary<string, KernelFunction>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(file))
            {
                var f = line.Split(' ');
                if (f.Length != 3 || !ulong.TryParse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address))
                    return null;
                result[f[0]] = new KernelFunction(f[0], f[1], address);
            }
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWrite(string file, IEnumerable<KernelFunction> functions) =>
        BootCache.TryWrite(file, stream =>
        {
            using var writer = new StreamWriter(stream);
            foreach (var f in functions)
                writer.WriteLine($"{f.Name} {f.Symbol} {f.Address:x}");
        });
}
