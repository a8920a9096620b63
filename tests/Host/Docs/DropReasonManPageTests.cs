using System.Text.RegularExpressions;
using NetTrace.Host.Kernel;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Docs;

/// <summary>
/// docs/man/dropreason.7 explains every drop reason of the running kernel: each name of its BTF enum
/// skb_drop_reason, as nettrace prints it, heads a .TP (or .TQ) entry of the page.
/// </summary>
public sealed partial class DropReasonManPageTests
{
    private const string SubsysPrefix = "SKB_DROP_REASON_SUBSYS_";

    [RootFact]
    public void DropReasonPage_RunningKernel_EveryReasonHasAnEntry()
    {
        using var btf = KernelBtf.TryLoad(out string? failure)
            ?? throw new InvalidOperationException("kernel BTF: " + failure);
        var values = btf.Reader.Enum("skb_drop_reason")
            ?? throw new InvalidOperationException("the kernel's BTF has no enum skb_drop_reason");
        // Named the way nettrace names them (prefix stripped, the first name of a value wins); the subsystem
        // mask is no reason, and subsystem reasons have their own lists.
        var reasons = DropReasons.Load(btf.Reader);
        var names = values
            .Where(v => !v.Name.StartsWith(SubsysPrefix, StringComparison.Ordinal))
            .Select(v => reasons.Name((uint)v.Value))
            .Distinct()
            .ToArray();
        Assert.True(names.Length > 10, $"only {names.Length} drop reasons read from BTF");

        var entries = EntryNames(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "man", "dropreason.7")));
        var missing = names.Where(n => !entries.Contains(n)).ToArray();

        if (missing.Length > 0)
        {
            Assert.Fail($"docs/man/dropreason.7 has no .TP entry for {missing.Length} of this kernel's {names.Length} drop reasons: "
                + string.Join(", ", missing));
        }
    }

    /// <summary>The upper-case names in the tag line of every .TP and .TQ entry.</summary>
    private static HashSet<string> EntryNames(string page)
    {
        var lines = page.Replace("\r\n", "\n").Split('\n');
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (!TagMacro().IsMatch(lines[i]))
                continue;
            string tag = FontEscape().Replace(LeadingFontMacro().Replace(lines[i + 1], ""), "");
            names.UnionWith(ReasonName().Matches(tag).Select(m => m.Value));
        }
        return names;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetTraceFramework.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root from " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\.(TP|TQ)\b")]
    private static partial Regex TagMacro();

    [GeneratedRegex(@"^\.(B|I|R|BR|RB|BI|IB|IR|RI)\s+")]
    private static partial Regex LeadingFontMacro();

    [GeneratedRegex(@"\\f(\[[^\]]*\]|\(..|.)")]
    private static partial Regex FontEscape();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9_]*\b")]
    private static partial Regex ReasonName();
}
