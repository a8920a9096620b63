using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Session.Options;
using NetTrace.Rules;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// --diag on a completed lifecycle: runs the rules on each hit, adds the groups' notes and the rules'
/// <c>*message*</c> markers to the hit lines, and decides whether the context is printed (--diag-quiet
/// keeps only abnormal ones) and whether tracing stops (the first ERROR, unless --diag-keep).
/// </summary>
internal sealed class Diagnoser(RuleBook rules, IRenderContext context, IReadOnlyDictionary<string, IEventRenderer> renderers,
    bool quiet, bool keep, bool hooks)
{
    private readonly AnalysisWriter _analysis = new(context, hooks);

    /// <summary>--diag's diagnoser for a session: every plugin renderer adds its group's notes.</summary>
    public static Diagnoser For(SessionOptions options, RuleBook rules, IRenderContext context, PluginCatalog plugins) =>
        new(rules, context, Renderers(plugins), options.DiagQuiet, options.DiagKeep, options.Hooks);

    public static Dictionary<string, IEventRenderer> Renderers(PluginCatalog plugins) =>
        plugins.Groups.Where(g => g.Renderer is not null).ToDictionary(g => g.Name, g => g.Renderer!, StringComparer.Ordinal);

    /// <summary>An ERROR was reported and --diag-keep is off: no more contexts are printed.</summary>
    public bool Finished { get; private set; }

    /// <summary>Contexts with at least one WARN or ERROR finding.</summary>
    public long Abnormal { get; private set; }

    // Refilled for each context (Examine): the findings live only while their context is written.
    private readonly List<EventFinding> _findings = [];
    private readonly SkbRuleEvent _view = new(context);

    /// <summary>The rules' findings on each hit, in the hits' order; valid until the next call.</summary>
    public IReadOnlyList<EventFinding> Examine(IReadOnlyList<SkbTraceEvent> ordered)
    {
        while (_findings.Count < ordered.Count)
            _findings.Add(new EventFinding(ordered[_findings.Count], []));
        if (_findings.Count > ordered.Count)
            _findings.RemoveRange(ordered.Count, _findings.Count - ordered.Count);
        for (int i = 0; i < ordered.Count; i++)
        {
            var ev = ordered[i];
            var finding = _findings[i];
            finding.Reset(ev);
            var candidates = rules.For(ev.Trace, ev.Group);
            if (candidates.Length == 0)
                continue;
            _view.Reset(ev);
            foreach (var rule in candidates)
            {
                if (rule.Matches(_view))
                    finding.Add(rule);
            }
        }
        return _findings;
    }

    /// <summary>--diag-quiet prints only contexts where something is wrong.</summary>
    public bool ShouldPrint(IReadOnlyList<EventFinding> findings) => !quiet || AnyAbnormal(findings);

    /// <summary>The group's own notes (netfilter's hook, table and chain), then one marker per matching rule.</summary>
    public void AppendNotes(StringBuilder line, EventFinding finding)
    {
        if (renderers.TryGetValue(finding.Event.Group, out var renderer))
            renderer.AppendSummary(line, finding.Event, context);
        _view.Reset(finding.Event);
        var matches = finding.Matches;
        for (int i = 0; i < matches.Count; i++)
            matches[i].AppendMessage(line.Append(" *"), _view).Append('*');
    }

    private static bool AnyAbnormal(IReadOnlyList<EventFinding> findings)
    {
        for (int i = 0; i < findings.Count; i++)
        {
            if (findings[i].IsAbnormal)
                return true;
        }
        return false;
    }

    /// <summary>Said after a lifecycle with no WARN or ERROR finding, so a quiet analysis never has to be read as good news.</summary>
    public const string GoodPacket = "this is a good packet!";

    /// <summary>After the context's lines: the ANALYSIS RESULT when something is wrong, else that the packet is good.</summary>
    public void WriteAfter(TextWriter output, IReadOnlyList<EventFinding> findings)
    {
        if (!AnyAbnormal(findings))
        {
            output.WriteLine(GoodPacket);
            output.WriteLine();
            return;
        }
        var abnormal = findings.Where(f => f.IsAbnormal).ToList();
        Abnormal++;
        _analysis.Write(output, CauseCorrelator.Correlate(abnormal));
        if (!keep && abnormal.Any(f => f.Level == FindingLevel.Error))
        {
            Finished = true;
            output.WriteLine("analysis finished!");
            output.WriteLine();
            output.WriteLine("end trace...");
        }
    }
}
