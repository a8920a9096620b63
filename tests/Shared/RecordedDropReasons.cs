namespace NetTrace.Tests.Shared;

/// <summary>
/// The drop reasons recorded per kernel under docs/man/dropreason.d/kernels (by scripts/drop-reasons.sh), read
/// straight from the repository files so the tests do not trust nettrace's own copy of them. Compiled into both
/// test projects: the unit tier checks the page against them, the host tier the probe line.
/// </summary>
internal static class RecordedDropReasons
{
    public const string Folder = "docs/man/dropreason.d/kernels";

    /// <summary>The union of the lists' names of one kind ("reason" or "subsys"), each once, in file order.</summary>
    public static IReadOnlyList<string> Union(string kind)
    {
        string prefix = kind + " ";
        return Directory.GetFiles(RoffPage.PathOf(Folder), "*.txt")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line[prefix.Length..].Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
