using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Rules;

namespace NetTrace.Host.Modes.Monitor;

/// <summary>
/// The rules on a plugin group's own events (--sock and --monitor socket lines): each matching rule adds
/// <c> *message*</c> to the event's line, as lifecycle lines carry them under --diag, in every mode (the seed runs
/// its rules always). Only the judged groups' own rule files are compiled, so a mode that ran no rules before
/// pays for a small assembly from the cache, not for the whole knowledge base.
/// </summary>
internal sealed class GroupEventMarkers(RuleBook rules, PluginCatalog plugins)
{
    private static readonly IReadOnlyList<CompiledRule> None = [];

    public int Count => rules.Count;

    /// <summary>The markers of the groups that ship rules among <paramref name="groups"/>; null when none does.</summary>
    public static GroupEventMarkers? Load(PluginCatalog plugins, IEnumerable<string> groups, string? cacheDirectory, Action<string>? verbose)
    {
        var sources = SourcesFor(plugins, groups);
        if (sources.Count == 0)
            return null;
        return new GroupEventMarkers(RuleBook.Compile(sources, RuleBook.ContextFor(plugins), cacheDirectory, verbose), plugins);
    }

    /// <summary>The rule files judged on <paramref name="groups"/>' own events, in their order (the cache key is that list).</summary>
    public static IReadOnlyList<RuleSource> SourcesFor(PluginCatalog plugins, IEnumerable<string> groups) =>
        [.. groups.Select(plugins.Find).OfType<TraceGroup>().Where(g => g.ModeOnly).SelectMany(g => g.Rules)];

    /// <summary>The rules that match this event, in file order (empty: none).</summary>
    public IReadOnlyList<CompiledRule> Match(string group, ITraceEvent ev, IRenderContext context)
    {
        var candidates = rules.For(ev.Trace, group);
        if (candidates.Length == 0)
            return None;
        var declared = plugins.Find(group) ?? TraceGroup.Generic(group, "", []);
        var view = new MonitorRuleEvent(ev, declared, context);
        List<CompiledRule>? matches = null;
        foreach (var rule in candidates)
        {
            if (rule.Matches(view))
                (matches ??= []).Add(rule);
        }
        return matches ?? None;
    }

    /// <summary>Appends each rule's message as <c> *message*</c>.</summary>
    public static void Append(StringBuilder line, IReadOnlyList<CompiledRule> matches)
    {
        foreach (var rule in matches)
            line.Append(" *").Append(rule.Message).Append('*');
    }
}
