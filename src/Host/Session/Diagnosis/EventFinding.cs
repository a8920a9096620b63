using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// What the rules found on one hit of a context: every matching rule (each gives an inline marker) and,
/// for the ANALYSIS RESULT, the ones at WARN or ERROR. The diagnoser refills the same findings for each context.
/// </summary>
internal sealed class EventFinding
{
    private readonly List<CompiledRule> _matches = [];

    public EventFinding(SkbTraceEvent ev, IEnumerable<CompiledRule> matches)
    {
        Event = ev;
        _matches.AddRange(matches);
    }

    public SkbTraceEvent Event { get; private set; }

    public IReadOnlyList<CompiledRule> Matches => _matches;

    /// <summary>The matches worth a place in the analysis: WARN and ERROR.</summary>
    public IEnumerable<CompiledRule> Abnormal => _matches.Where(r => r.Level >= FindingLevel.Warn);

    public bool IsAbnormal
    {
        get
        {
            foreach (var rule in _matches)
            {
                if (rule.Level >= FindingLevel.Warn)
                    return true;
            }
            return false;
        }
    }

    /// <summary>The highest level among the matches.</summary>
    public FindingLevel Level
    {
        get
        {
            var level = FindingLevel.Info;
            foreach (var rule in _matches)
                level = rule.Level > level ? rule.Level : level;
            return level;
        }
    }

    /// <summary>A finding for another hit, with no matches yet.</summary>
    internal void Reset(SkbTraceEvent ev)
    {
        Event = ev;
        _matches.Clear();
    }

    internal void Add(CompiledRule rule) => _matches.Add(rule);
}
