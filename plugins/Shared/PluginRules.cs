using System.Reflection;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Shared;

/// <summary>
/// A plugin's knowledge base: each group's rules live in rules/&lt;group&gt;.rules, embedded in the
/// plugin assembly as "rules/&lt;group&gt;.rules". Linked into each plugin like <see cref="SkbTrace"/>.
/// </summary>
internal static class PluginRules
{
    /// <summary>The group with its rule file attached, when the plugin ships one.</summary>
    public static TraceGroup WithRules(this TraceGroup group, Assembly plugin)
    {
        string name = $"rules/{group.Name}.rules";
        using var stream = plugin.GetManifestResourceStream(name);
        if (stream is null)
            return group;
        using var reader = new StreamReader(stream);
        return group with { Rules = [new RuleSource($"{plugin.GetName().Name}/{name}", reader.ReadToEnd())] };
    }
}
