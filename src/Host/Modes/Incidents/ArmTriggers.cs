using System.Runtime.CompilerServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Options;
using NetTrace.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Host.Modes.Incidents;

/// <summary>
/// Which monitor events arm a capture. By default every abnormal one: what each group's default trigger picks (a
/// drop with a reason, a TCP reset...) and a packet-path ERROR finding. With --arm-on, only events its rules match —
/// written as a .rules target and condition, compiled like any rule, and evaluated on every monitor event (the
/// plugin groups' events too, not only the packet path).
/// </summary>
internal sealed class ArmTriggers
{
    private readonly RuleBook? _rules;
    private readonly IReadOnlyList<string> _texts;
    private readonly PluginCatalog _plugins;

    private ArmTriggers(RuleBook? rules, IReadOnlyList<string> texts, PluginCatalog plugins)
    {
        _rules = rules;
        _texts = texts;
        _plugins = plugins;
    }

    public static ArmTriggers Create(ArmOptions arm, PluginCatalog plugins, Action<string>? verbose = null)
    {
        if (arm.On.Count == 0)
            return new ArmTriggers(null, [], plugins);
        if (arm.On.FirstOrDefault(text => text.Contains('\n') || text.Contains('\r')) is { } multiline)
            throw new UsageException($"--arm-on takes one rule on one line; '{multiline.ReplaceLineEndings(" ")}' has several");
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new JitRequiredException("--arm-on");
        var context = Context(plugins);
        var sources = arm.On.Select((text, i) => new RuleSource(OptionName(i), $"rule arm_on_{i + 1} on\n{text}\nwarn \"matches --arm-on\"")).ToList();
        if (RuleCompiler.Check(sources, context) is [var first, ..])
        {
            string text = arm.On[int.Parse(first.File.Split('#')[1]) - 1];
            // Past the user's line is the template's "warn": the rule ended too early.
            string message = first.Line > 2 ? EndOfRule(first.Message) : first.Message;
            string where = first.Line == 2 ? $" at column {first.Column}" : " at its end";
            throw new UsageException($"--arm-on '{text}'{where}: {message}");
        }
        return new ArmTriggers(RuleBook.Compile(sources, context, RuleBook.DefaultCacheDirectory(), verbose), arm.On, plugins);
    }

    /// <summary>Why this event arms a capture, or null when it does not.</summary>
    public string? Match(string group, ITraceEvent ev, IRenderContext context)
    {
        // An event's group is in the catalogue (its events come from it); a bare one stands in for any other.
        var declared = _plugins.Find(group) ?? TraceGroup.Generic(group, "", []);
        if (_rules is not null)
        {
            IRuleEvent view = ev is SkbTraceEvent skb ? new SkbRuleEvent(skb, context) : new MonitorRuleEvent(ev, declared, context);
            var rule = _rules.For(ev.Trace, group).FirstOrDefault(r => r.Matches(view));
            return rule is null ? null : $"{ev.Trace} matches --arm-on '{_texts[int.Parse(rule.Name["arm_on_".Length..]) - 1]}'";
        }
        return declared.DefaultArmTrigger?.Invoke(ev, context);
    }

    /// <summary>Why a packet-path ERROR arms a capture (default triggers only), or null.</summary>
    public string? MatchFinding(SkbTraceEvent ev, IReadOnlyList<CompiledRule> abnormal, IRenderContext context)
    {
        if (_rules is not null)
            return Match(ev.Group, ev, context);
        return abnormal.Count == 0 ? null : $"{ev.Trace}: {abnormal[0].MessageFor(new SkbRuleEvent(ev, context))}";
    }

    private static string EndOfRule(string message) =>
        message.StartsWith("unexpected '", StringComparison.Ordinal) && message.IndexOf("';", StringComparison.Ordinal) is int end and > 0
            ? "unexpected end of rule" + message[(end + 1)..]
            : message;

    private static string OptionName(int index) => $"--arm-on#{index + 1}";

    /// <summary>--arm-on may name any trace a monitor sees: the packet path's and the plugin groups' own.</summary>
    private static RuleContext Context(PluginCatalog plugins)
    {
        var catalog = TraceCatalog.From(plugins);
        var traces = catalog.Traces.Select(t => t.Name).Concat(plugins.Groups.SelectMany(g => g.Traces.Select(t => t.Name)))
            .Distinct(StringComparer.Ordinal).ToList();
        return new RuleContext(traces, plugins.Groups.Select(g => g.Name).Distinct(StringComparer.Ordinal).ToList(), RuleBook.FieldsOf(plugins));
    }
}
