namespace NetTrace.Host.Kernel;

/// <summary>
/// The functions ftrace can hook (tracefs' available_filter_functions): what kprobe.multi attaches to, since it rides
/// on ftrace. A function outside it makes the whole multi link fail, so a wide selection is checked against it first.
/// </summary>
internal static class FtraceFunctions
{
    public static readonly string[] Lists =
    [
        "/sys/kernel/tracing/available_filter_functions",
        "/sys/kernel/debug/tracing/available_filter_functions",
    ];

    /// <summary>The hookable symbols (as kallsyms names them, maybe "name.isra.0"), or null with where it looked.</summary>
    public static HashSet<string>? Read(out string? failure, IEnumerable<string>? lists = null)
    {
        foreach (string path in lists ?? Lists)
        {
            try
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (string line in File.ReadLines(path))
                    names.Add(Symbol(line));
                failure = null;
                return names;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not mounted there, or no function tracer in this kernel: the next place, then none.
            }
        }
        failure = "ftrace's list of hookable functions is not readable (tracefs not mounted, or no function tracer)";
        return null;
    }

    /// <summary>"name", "name [module]" or, on kernels that print them, "name address".</summary>
    internal static string Symbol(string line)
    {
        int end = line.IndexOfAny([' ', '\t']);
        return end < 0 ? line : line[..end];
    }
}
