using System.Resources;

namespace NetTrace.Host.Kernel;

/// <summary>
/// The drop reasons dropreason(7) explains: the union of the kernels' lists under docs/man/dropreason.d/kernels,
/// embedded in nettrace, since the page is generated to cover exactly those. `nettrace probe` names the running
/// kernel's reasons outside it, so a user knows the page has nothing on them (nettrace still prints them).
/// </summary>
internal sealed class DocumentedDropReasons
{
    private const string ResourcePrefix = "dropreason/kernels/";
    private const string ReasonLine = "reason ";

    private static readonly Lazy<DocumentedDropReasons> EmbeddedLists = new(LoadEmbedded);

    private readonly HashSet<string> _names;

    public DocumentedDropReasons(IEnumerable<string> names) => _names = new HashSet<string>(names, StringComparer.Ordinal);

    /// <summary>The reasons of the kernels recorded when this nettrace was built.</summary>
    public static DocumentedDropReasons Embedded => EmbeddedLists.Value;

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>The running kernel's reasons the page lacks, in the kernel's order.</summary>
    public IReadOnlyList<string> Missing(DropReasons running) => running.Names.Where(name => !IsDocumented(name)).ToList();

    /// <summary>The detail of the probe's drop_reason line: the count, and the names the page lacks if any.</summary>
    public string Describe(DropReasons running)
    {
        var missing = Missing(running);
        string count = $"{running.Count} reasons";
        return missing.Count == 0 ? count : $"{count}; {missing.Count} not in dropreason(7): {string.Join(", ", missing)}";
    }

    /// <summary>The reason names of one recorded list: its "reason NAME" lines ("subsys" lines are subsystems).</summary>
    public static IEnumerable<string> ReasonsOf(TextReader list)
    {
        while (list.ReadLine() is { } line)
        {
            if (line.StartsWith(ReasonLine, StringComparison.Ordinal))
                yield return line[ReasonLine.Length..].Trim();
        }
    }

    // Without BTF the names come from the kfree_skb tracepoint, which spells SKB_NOT_DROPPED_YET and SKB_CONSUMED
    // without their SKB_ prefix.
    private bool IsDocumented(string name) => _names.Contains(name) || _names.Contains("SKB_" + name);

    private static DocumentedDropReasons LoadEmbedded()
    {
        var assembly = typeof(DocumentedDropReasons).Assembly;
        var names = new List<string>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new MissingManifestResourceException(resource);
            using var reader = new StreamReader(stream);
            names.AddRange(ReasonsOf(reader));
        }
        return new DocumentedDropReasons(names);
    }
}
