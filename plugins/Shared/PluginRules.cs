using System.Reflection;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Shared;

/// <summary>
/// A plugin's knowledge base: each group's rules live in rules/&lt;group&gt;.rules, embedded in the
/// plugin assembly as "rules/&lt;group&gt;.rules", and optionally in more files rules/&lt;group&gt;.&lt;part&gt;.rules
/// (a large topic kept apart, such as life's drop reasons). Linked into each plugin like <see cref="SkbTrace"/>.
/// </summary>
internal static class PluginRules
{
    /// <summary>The group with its rule files attached, when the plugin ships any: the main file first, then the parts by name.</summary>
    public static TraceGroup WithRules(this TraceGroup group, Assembly plugin)
    {
        string main = $"rules/{group.Name}.rules", partPrefix = $"rules/{group.Name}.";
        var names = plugin.GetManifestResourceNames()
            .Where(n => n == main || (n.StartsWith(partPrefix, StringComparison.Ordinal) && n.EndsWith(".rules", StringComparison.Ordinal)))
            .OrderBy(n => n == main ? 0 : 1)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
            return group;
        return group with { Rules = [.. names.Select(n => Read(plugin, n))] };
    }

    private static RuleSource Read(Assembly plugin, string name)
    {
        using var stream = plugin.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return new RuleSource($"{plugin.GetName().Name}/{name}", reader.ReadToEnd());
    }
}
