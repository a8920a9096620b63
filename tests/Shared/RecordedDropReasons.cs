namespace NetTrace.Tests.Shared;

/// <summary>
/// The drop reasons recorded per kernel under docs/man/dropreason.d/kernels (by scripts/drop-reasons.sh), read
/// straight from the repository files so the tests do not trust nettrace's own copy of them. Compiled into both
/// test projects: the unit tier checks the page and the rules against them, the host tier the probe line.
/// </summary>
internal static class RecordedDropReasons
{
    public const string Folder = "docs/man/dropreason.d/kernels";

    /// <summary>The recorded kernels' releases (the list files' names without .txt), in name order.</summary>
    public static IReadOnlyList<string> Kernels() =>
        Directory.GetFiles(RoffPage.PathOf(Folder), "*.txt")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>One kernel's names of one kind ("reason" or "subsys"), in file order.</summary>
    public static IReadOnlyList<string> Of(string kernel, string kind)
    {
        string prefix = kind + " ";
        return File.ReadLines(Path.Combine(RoffPage.PathOf(Folder), kernel + ".txt"))
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line[prefix.Length..].Trim())
            .ToList();
    }

    /// <summary>The union of the lists' names of one kind ("reason" or "subsys"), each once, in file order.</summary>
    public static IReadOnlyList<string> Union(string kind) =>
        Kernels().SelectMany(kernel => Of(kernel, kind)).Distinct(StringComparer.Ordinal).ToList();
}
